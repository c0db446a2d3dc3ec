import Foundation
import Testing
import TestSupport
@testable import Ingestion

/// Writes a config file (and whatever it points at) into a fresh folder.
private struct ConfigFolder {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("leadfwd-config") }

    func write(_ text: String, to name: String = "leadfwd.yaml") throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func makeMaildir(_ name: String) throws {
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("\(name)/\(sub)"),
                                                    withIntermediateDirectories: true)
        }
    }

    func load(_ text: String, environment: [String: String] = [:]) throws -> WorkerConfiguration {
        try WorkerConfiguration.load(path: write(text), environment: environment)
    }

    func failure(_ text: String, environment: [String: String] = [:]) throws -> ConfigurationError {
        let path = try write(text)
        do {
            _ = try WorkerConfiguration.load(path: path, environment: environment)
        } catch {
            return error
        }
        Issue.record("config was accepted: \(text)")
        return ConfigurationError(file: path, problem: "accepted")
    }
}

@Test func fullConfigResolvesPathsDefaultsAndSecrets() throws {
    let folder = try ConfigFolder()
    try folder.makeMaildir("mail/sample")
    _ = try folder.write("-----BEGIN CERTIFICATE-----\n", to: "certs/ca.pem")
    _ = try folder.write("s3cret\n", to: "secrets/support.pw")
    let configuration = try folder.load("""
        data_dir: ./data
        defaults:
          poll_interval: 5m
          batch_size: 50
          idle: false
        mailboxes:
          - name: sales
            url: imaps://imap.example.com:1993/Sales%20Inbox
            user: sales@example.com
            oauth_token_env: SALES_TOKEN
            ca_file: certs/ca.pem
            post_action: {move: Processed}
            idle: true
          - name: support
            url: imap://imap.example.com/INBOX
            user: support@example.com
            password_file: secrets/support.pw
            post_action:
              flag: Leadfwd-Processed
          - name: sample
            url: mail/sample
        """, environment: ["SALES_TOKEN": "ya29.token"])
    let root = folder.directory.url.standardizedFileURL.path
    #expect(configuration.dataDirectory == root + "/data")
    #expect(configuration.mailboxes.map(\.name) == ["sales", "support", "sample"])

    let sales = configuration.mailboxes[0]
    #expect(sales.location == .imap(url: "imaps://imap.example.com:1993/Sales%20Inbox", host: "imap.example.com",
                                    port: 1993, mailbox: "Sales Inbox", security: .implicitTLS))
    #expect(sales.secret == .oauthTokenEnvironment("SALES_TOKEN"))
    #expect(sales.caFile == root + "/certs/ca.pem")
    #expect(sales.postAction == .move("Processed"))
    #expect(sales.idle == true)
    #expect(sales.pollInterval == .seconds(300))
    #expect(sales.batchSize == 50)

    let support = configuration.mailboxes[1]
    #expect(support.location == .imap(url: "imap://imap.example.com/INBOX", host: "imap.example.com", port: nil,
                                      mailbox: "INBOX", security: .startTLS))
    #expect(support.secret == .passwordFile(root + "/secrets/support.pw"))
    #expect(try support.secret?.read(environment: [:]) == "s3cret")
    #expect(support.postAction == .flag("Leadfwd-Processed"))
    #expect(support.idle == false)

    #expect(configuration.mailboxes[2].location == .maildir(path: root + "/mail/sample"))
}

@Test func errorsNameTheFileTheKeyAndTheLine() throws {
    let folder = try ConfigFolder()
    let error = try folder.failure("""
        data_dir: /tmp/x
        mailboxes:
          - name: sales
            url: imaps://imap.example.com/INBOX
            user: sales@example.com
            password_env: SALES_PASSWORD
            batch_size: many
        """, environment: ["SALES_PASSWORD": "x"])
    #expect(error.file.hasSuffix("leadfwd.yaml"))
    #expect(error.key == "mailboxes[0].batch_size")
    #expect(error.line == 7)
    #expect(error.description.contains("leadfwd.yaml:7: mailboxes[0].batch_size: expected a whole number"))
}

@Test func inlinePasswordsAreRefusedWithTheAlternative() throws {
    let folder = try ConfigFolder()
    let error = try folder.failure("""
        data_dir: /tmp/x
        mailboxes:
          - name: sales
            url: imaps://imap.example.com/INBOX
            user: sales@example.com
            password: hunter2
        """)
    #expect(error.key == "mailboxes[0].password")
    #expect(error.problem.contains("password_env"))
    #expect(!error.description.contains("hunter2"))
}

@Test func missingSecretEnvironmentVariableIsAConfigError() throws {
    let folder = try ConfigFolder()
    let error = try folder.failure("""
        data_dir: /tmp/x
        mailboxes:
          - name: sales
            url: imaps://imap.example.com/INBOX
            user: sales@example.com
            password_env: LEADFWD_TEST_UNSET_VARIABLE
        """)
    #expect(error.key == "mailboxes[0].password_env")
    #expect(error.problem.contains("LEADFWD_TEST_UNSET_VARIABLE is not set"))
}

@Test(arguments: [("yes", true), ("On", true), ("TRUE", true), ("no", false), ("Off", false), ("False", false)])
func yamlBooleanSpellingsAreUnderstood(_ spelling: String, _ value: Bool) throws {
    let folder = try ConfigFolder()
    let configuration = try folder.load("""
        data_dir: /tmp/x
        mailboxes:
          - name: sales
            url: imaps://mail.example.com/INBOX
            user: sales@example.com
            password_env: PW
            idle: \(spelling)
            insecure_skip_verify: \(spelling)
        """, environment: ["PW": "x"])
    #expect(configuration.mailboxes.first?.idle == value)
    #expect(configuration.mailboxes.first?.insecureSkipVerify == value)
}

@Test(arguments: [
    ("url: pop3://mail.example.com/INBOX", "mailboxes[0].url", "not supported"),
    ("url: imaps://user@mail.example.com/INBOX", "mailboxes[0].url", "user"),
    ("url: imaps://mail.example.com:99999/INBOX", "mailboxes[0].url", "port"),
    ("url: ./no-such-maildir", "mailboxes[0].url", "does not exist"),
    ("url: imaps://mail.example.com/INBOX\n    security: none", "mailboxes[0].security", "imaps://"),
    ("url: imaps://mail.example.com/INBOX\n    post_action: delete", "mailboxes[0].post_action", "leave"),
    ("url: imaps://mail.example.com/INBOX\n    post_action: {flag: \\Seen}", "mailboxes[0].post_action.flag",
     "Leadfwd-Processed"),
    ("url: imaps://mail.example.com/INBOX\n    poll_interval: -5", "mailboxes[0].poll_interval", "duration"),
    ("url: imaps://mail.example.com/INBOX\n    idle: sometimes", "mailboxes[0].idle", "true or false"),
    ("url: imaps://mail.example.com/INBOX\n    idle: \"true\"", "mailboxes[0].idle", "true or false"),
    ("url: imaps://mail.example.com/INBOX\n    idle: tRUE", "mailboxes[0].idle", "true or false"),
    ("url: imaps://mail.example.com/INBOX\n    ca_file: missing.pem", "mailboxes[0].ca_file", "does not exist"),
    ("url: imaps://mail.example.com/INBOX\n    pol_interval: 5", "mailboxes[0].pol_interval", "unknown key"),
])
func badMailboxSettingsAreNamed(_ line: String, _ key: String, _ phrase: String) throws {
    let folder = try ConfigFolder()
    let error = try folder.failure("""
        data_dir: /tmp/x
        mailboxes:
          - name: sales
            user: sales@example.com
            password_env: PW
            \(line)
        """, environment: ["PW": "x"])
    #expect(error.key == key)
    #expect(error.problem.contains(phrase), "\(error)")
    #expect(error.line != nil)
}

@Test func localMailboxesRefuseIMAPSettings() throws {
    let folder = try ConfigFolder()
    try folder.makeMaildir("inbox")
    let error = try folder.failure("""
        data_dir: data
        mailboxes:
          - name: local
            url: maildir:inbox
            user: someone
        """)
    #expect(error.key == "mailboxes[0].user")
    #expect(error.problem.contains("only to IMAP"))
}

@Test func duplicateNamesMissingPiecesAndBrokenYAMLAreReported() throws {
    let folder = try ConfigFolder()
    try folder.makeMaildir("inbox")
    let duplicate = try folder.failure("""
        data_dir: data
        mailboxes:
          - {name: a, url: inbox}
          - {name: a, url: inbox}
        """)
    #expect(duplicate.key == "mailboxes[1].name")
    #expect(duplicate.line == 4)

    let noDataDir = try folder.failure("mailboxes:\n  - {name: a, url: inbox}\n")
    #expect(noDataDir.problem.contains("data_dir"))

    let noMailboxes = try folder.failure("data_dir: data\n")
    #expect(noMailboxes.problem.contains("mailboxes"))

    let broken = try folder.failure("data_dir: data\nmailboxes:\n  - name: a\n   url: [unclosed\n")
    #expect(broken.line != nil)
    #expect(broken.problem.contains("not valid YAML"))

    let missingFile = try? WorkerConfiguration.load(path: folder.directory.path + "/absent.yaml")
    #expect(missingFile == nil)
}

@Test func dataDirectoryFromTheCommandLineWins() throws {
    let folder = try ConfigFolder()
    try folder.makeMaildir("inbox")
    let path = try folder.write("data_dir: data\nmailboxes:\n  - {name: a, url: inbox}\n")
    let configuration = try WorkerConfiguration.load(path: path, dataDirectory: "/srv/leadfwd")
    #expect(configuration.dataDirectory == "/srv/leadfwd")
}

@Test func unsubscribeMailboxesMustBeAddresses() throws {
    let folder = try ConfigFolder()
    try folder.makeMaildir("inbox")
    let good = try folder.load("""
        data_dir: data
        unsubscribe_mailboxes: [Unsubscribe@Mail.Example.com]
        mailboxes:
          - {name: a, url: inbox}
        """)
    #expect(good.unsubscribeMailboxes == ["unsubscribe@mail.example.com"])
    let bad = try folder.failure("""
        data_dir: data
        unsubscribe_mailboxes:
          - unsubscribe@example.com
          - https://example.com/unsubscribe
        mailboxes:
          - {name: a, url: inbox}
        """)
    #expect(bad.key == "unsubscribe_mailboxes[1]")
    #expect(bad.line == 4)
}
