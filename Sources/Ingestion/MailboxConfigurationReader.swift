import Foundation
import IMAPClient

/// Turns one `mailboxes:` entry into a `MailboxConfiguration`: applies defaults, resolves paths against the config
/// file's folder, and checks what can be checked offline.
struct MailboxConfigurationReader {
    let file: String
    let baseDirectory: String
    let environment: [String: String]

    static let tuningKeys = ["post_action", "poll_interval", "batch_size", "idle"]
    static let imapOnlyKeys = ["user", "password_env", "password_file", "oauth_token_env", "oauth_token_file",
                               "ca_file", "insecure_skip_verify", "security", "auth_mechanism"]
    static let inlineSecretHint = "secrets are never written in the config; use password_env / password_file "
        + "(or oauth_token_env / oauth_token_file) to say where to read it"

    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: baseDirectory).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }

    func defaults(_ section: ConfigMapping) throws(ConfigurationError) -> MailboxDefaults {
        try section.rejectUnknownKeys(allowed: Self.tuningKeys)
        var defaults = MailboxDefaults()
        if let action = try postAction(section) { defaults.postAction = action }
        if let interval = try section.duration("poll_interval") { defaults.pollInterval = interval }
        if let size = try section.integer("batch_size", in: 1...10_000) { defaults.batchSize = size }
        if let idle = try section.bool("idle") { defaults.idle = idle }
        return defaults
    }

    func mailbox(_ entry: ConfigMapping, defaults: MailboxDefaults) throws(ConfigurationError) -> MailboxConfiguration {
        let secretHints = ["password": Self.inlineSecretHint, "oauth_token": Self.inlineSecretHint,
                           "token": Self.inlineSecretHint, "pass": Self.inlineSecretHint]
        try entry.rejectUnknownKeys(allowed: ["name", "url"] + Self.imapOnlyKeys + Self.tuningKeys, hints: secretHints)
        let name = try entry.requiredString("name", example: "sales")
        guard name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
              !name.hasPrefix(".") else {
            throw entry.error("name", "\"\(name)\" must be 1–64 letters, digits, `.`, `_` or `-` (it names a file)")
        }
        let location = try self.location(entry)
        var mailbox = MailboxConfiguration(name: name, location: location, postAction: defaults.postAction,
                                           pollInterval: defaults.pollInterval, batchSize: defaults.batchSize,
                                           idle: defaults.idle)
        if let action = try postAction(entry) { mailbox.postAction = action }
        if let interval = try entry.duration("poll_interval") { mailbox.pollInterval = interval }
        if let size = try entry.integer("batch_size", in: 1...10_000) { mailbox.batchSize = size }
        if let idle = try entry.bool("idle") { mailbox.idle = idle }

        guard location.isIMAP else {
            for key in Self.imapOnlyKeys where entry.has(key) {
                throw entry.error(key, "applies only to IMAP mailboxes (url: imaps://… or imap://…)")
            }
            if mailbox.postAction != .leave {
                throw entry.error("post_action", "local mailboxes are only read; use `post_action: leave`")
            }
            return mailbox
        }
        mailbox.user = try entry.requiredString("user", example: "sales@example.com")
        mailbox.secret = try secret(entry)
        if let mechanism = try entry.string("auth_mechanism") {
            guard let known = IMAPAuthMechanism(rawValue: mechanism.uppercased()) else {
                throw entry.error("auth_mechanism", "expected one of: "
                    + IMAPAuthMechanism.allCases.map(\.rawValue).joined(separator: ", "))
            }
            mailbox.authMechanism = known.rawValue
        }
        if let caFile = try entry.string("ca_file") {
            let resolved = resolve(caFile)
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                throw entry.error("ca_file", "\(resolved) does not exist or cannot be read")
            }
            mailbox.caFile = resolved
        }
        mailbox.insecureSkipVerify = try entry.bool("insecure_skip_verify") ?? false
        return mailbox
    }

    // MARK: - Pieces

    private func location(_ entry: ConfigMapping) throws(ConfigurationError) -> MailboxLocation {
        let text = try entry.requiredString("url", example: "imaps://imap.example.com/INBOX")
        let lower = text.lowercased()
        if lower.hasPrefix("imap://") || lower.hasPrefix("imaps://") {
            let parsed: IMAPMailboxURL
            do {
                parsed = try IMAPMailboxURL(text)
            } catch {
                throw entry.error("url", error.detail ?? error.description)
            }
            var security = parsed.security
            if let chosen = try entry.string("security") {
                switch (parsed.security, chosen.lowercased()) {
                case (.startTLS, "none"): security = .none
                case (.startTLS, "starttls"), (.implicitTLS, "tls"): break
                case (.implicitTLS, _):
                    throw entry.error("security", "imaps:// always uses TLS; remove `security` or use imap://")
                default:
                    throw entry.error("security", "expected `starttls` (the default for imap://) or `none` "
                        + "(no TLS: passwords travel in clear; only for loopback tests)")
                }
            }
            return .imap(url: text, host: parsed.host, port: parsed.port, mailbox: parsed.mailbox, security: security)
        }
        if lower.hasPrefix("maildir:") {
            let path = resolve(String(text.dropFirst("maildir:".count)))
            guard isDirectory(path) else { throw entry.error("url", "\(path) is not a Maildir folder") }
            return .maildir(path: path)
        }
        if lower.hasPrefix("mbox:") {
            let path = resolve(String(text.dropFirst("mbox:".count)))
            guard FileManager.default.isReadableFile(atPath: path), !isDirectory(path) else {
                throw entry.error("url", "\(path) is not a readable mbox file")
            }
            return .mbox(path: path)
        }
        if text.contains("://") {
            throw entry.error("url", "\"\(text)\" is not supported; use imaps://host/INBOX, imap://host/INBOX, "
                + "maildir:PATH, mbox:PATH or a local path")
        }
        let path = resolve(text)
        guard FileManager.default.fileExists(atPath: path) else {
            throw entry.error("url", "\(path) does not exist")
        }
        if isDirectory(path) {
            return isDirectory(path + "/cur") || isDirectory(path + "/new") ? .maildir(path: path) : .files(path: path)
        }
        return startsWithMboxSeparator(path) ? .mbox(path: path) : .files(path: path)
    }

    private func secret(_ entry: ConfigMapping) throws(ConfigurationError) -> MailboxSecretSource {
        var found: [MailboxSecretSource] = []
        if let name = try entry.string("password_env") { found.append(.passwordEnvironment(name)) }
        if let path = try entry.string("password_file") { found.append(.passwordFile(resolve(path))) }
        if let name = try entry.string("oauth_token_env") { found.append(.oauthTokenEnvironment(name)) }
        if let path = try entry.string("oauth_token_file") { found.append(.oauthTokenFile(resolve(path))) }
        guard found.count == 1, let source = found.first else {
            throw entry.error(found.isEmpty ? nil : found[1].key, found.isEmpty
                ? "missing the secret; add one of password_env, password_file, oauth_token_env, oauth_token_file"
                : "give only one of password_env, password_file, oauth_token_env, oauth_token_file")
        }
        do {
            _ = try source.read(environment: environment)
        } catch {
            throw entry.error(source.key, error.problem)
        }
        return source
    }

    private func postAction(_ section: ConfigMapping) throws(ConfigurationError) -> PostAction? {
        guard let node = section.node("post_action") else { return nil }
        let usage = "expected `leave`, `flag: KEYWORD` or `move: FOLDER`"
        if node.scalar != nil {
            guard try section.string("post_action") == "leave" else { throw section.error("post_action", usage) }
            return .leave
        }
        let action = try ConfigMapping(node, path: ConfigMapping.join(section.path, "post_action"), file: file)
        try action.rejectUnknownKeys(allowed: ["flag", "move"])
        guard action.keys.count == 1 else { throw section.error("post_action", usage) }
        if let keyword = try action.string("flag") {
            let forbidden = CharacterSet(charactersIn: "(){%*\"]\\ ").union(.controlCharacters)
            let system = keyword.hasPrefix("\\")
            let atom = system ? String(keyword.dropFirst()) : keyword
            guard !atom.isEmpty, atom.unicodeScalars.allSatisfy({ $0.isASCII && !forbidden.contains($0) }) else {
                throw action.error("flag", "\"\(keyword)\" is not an IMAP keyword (letters, digits, `-`, `_`, `$`)")
            }
            if system && ["seen", "deleted", "recent", "draft"].contains(atom.lowercased()) {
                throw action.error("flag", "\(keyword) would change how people see the message; use your own keyword "
                    + "such as Leadfwd-Processed")
            }
            return .flag(keyword)
        }
        if let folder = try action.string("move") { return .move(folder) }
        throw section.error("post_action", usage)
    }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    private func startsWithMboxSeparator(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 5)) ?? Data()
        return head == Data("From ".utf8)
    }
}
