import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private Dovecot IMAP server on loopback for one test: its own directory, config (from
/// `scripts/dovecot-test-server`), private CA, users and Maildirs, on free ports, so tests run in parallel.
/// Listens for plain/STARTTLS on `imapPort` and implicit TLS on `imapsPort`. Killed when released.
public final class DovecotServer: @unchecked Sendable {
    // @unchecked: `pid` and `deliveries` are guarded by `lock`; the ports change only inside `init`.

    public struct User: Sendable {
        public var name: String
        /// Accepted as a password (PLAIN/LOGIN) and as an OAuth bearer token (XOAUTH2/OAUTHBEARER).
        public var secret: String
        public init(name: String, secret: String) {
            self.name = name
            self.secret = secret
        }
    }

    public static let alice = User(name: "alice", secret: "alice-Pa55word!")
    /// A user whose secret looks like an OAuth access token, for XOAUTH2 / OAUTHBEARER tests.
    public static let oauthUser = User(name: "sales@example.test", secret: "ya29.a0AfH6SMBx-test-token-42")

    public let host = "127.0.0.1"
    /// Plain and STARTTLS. Fixed once `init` returns (it only changes there, if a port was taken meanwhile).
    public private(set) var imapPort: Int
    /// Implicit TLS.
    public private(set) var imapsPort: Int
    public let users: [User]
    public let directory: TemporaryDirectory
    /// PEM of the private CA that signed the server certificate (SAN localhost, 127.0.0.1).
    public var caFile: String { directory.url.appendingPathComponent("ca.pem").path }
    public var configFile: String { directory.url.appendingPathComponent("dovecot.conf").path }
    public var logFile: String { directory.url.appendingPathComponent("dovecot.log").path }

    private let mailOwner: (uid: uid_t, gid: gid_t)
    private let lock = NSLock()
    private var pid: pid_t?
    private var deliveries = 0

    /// Creates the server directory and starts Dovecot, returning once it greets on the plain port.
    /// With `tls: false` the server offers neither STARTTLS nor implicit TLS (`imapsPort` then has no listener).
    public init(users: [User] = [DovecotServer.alice, DovecotServer.oauthUser], tls: Bool = true) throws {
        self.users = users
        directory = try TemporaryDirectory("lf-dovecot")
        // Free ports, chosen by the kernel just before Dovecot binds them.
        imapPort = try Self.freePort()
        imapsPort = try Self.freePort()
        try Self.script(["init", directory.path, String(imapPort), String(imapsPort)] + (tls ? [] : ["--no-tls"]))
        for user in users { try Self.script(["add-user", directory.path, user.name, user.secret]) }
        let owner = try String(contentsOf: directory.url.appendingPathComponent("mail-owner"), encoding: .utf8)
        let ids = owner.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").compactMap { UInt32($0) }
        guard ids.count == 2 else { throw DovecotServerError.setupFailed("unreadable mail-owner file: \(owner)") }
        mailOwner = (ids[0], ids[1])
        // Another process may take a port between our probe and Dovecot's bind: move to fresh ports and try again.
        for attempt in 1...5 {
            do {
                try start()
                return
            } catch DovecotServerError.startFailed(let detail) where attempt < 5 && detail.contains("in use") {
                try movePorts()
            }
        }
    }

    private func movePorts() throws {
        var config = try String(contentsOfFile: configFile, encoding: .utf8)
        let newIMAP = try Self.freePort()
        let newIMAPS = try Self.freePort()
        config = config.replacingOccurrences(of: "port = \(imapPort)\n", with: "port = \(newIMAP)\n")
        config = config.replacingOccurrences(of: "port = \(imapsPort)\n", with: "port = \(newIMAPS)\n")
        try config.write(toFile: configFile, atomically: true, encoding: .utf8)
        imapPort = newIMAP
        imapsPort = newIMAPS
    }

    deinit { kill() }

    // MARK: Process control

    /// Starts Dovecot (if not running) and waits for its `* OK` greeting.
    public func start() throws {
        lock.lock()
        defer { lock.unlock() }
        guard pid == nil else { return }
        let started = try spawn(["dovecot", "-F", "-c", configFile])
        pid = started
        do {
            try waitForGreeting(pid: started)
        } catch {
            signalGroup(started, SIGKILL)
            var status: Int32 = 0
            waitpid(started, &status, 0)
            pid = nil
            throw error
        }
    }

    /// Graceful stop (SIGTERM): Dovecot closes client connections and exits.
    public func stop() {
        signalAndReap(SIGTERM)
    }

    /// Abrupt death of the whole process group (master, login, imap processes): clients see the connection drop.
    public func kill() {
        signalAndReap(SIGKILL)
    }

    /// Kills the server and starts it again on the same ports and data.
    public func restart() throws {
        kill()
        try start()
    }

    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return pid != nil
    }

    public func log() -> String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    private func signalAndReap(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        guard let running = pid else { return }
        signalGroup(running, signal)
        var status: Int32 = 0
        waitpid(running, &status, 0)
        if signal != SIGKILL {
            // Children outlive a master that exits on SIGTERM only briefly; make sure none keeps the ports.
            signalGroup(running, SIGKILL)
        }
        pid = nil
    }

    // MARK: Mail

    /// Maildir folder of a user's mailbox (`INBOX` or a Maildir++ folder such as `Archive`).
    public func maildir(user: String = DovecotServer.alice.name, mailbox: String = "INBOX") -> URL {
        var url = directory.url.appendingPathComponent("home/\(user)/Maildir", isDirectory: true)
        if mailbox.uppercased() != "INBOX" { url.appendPathComponent("." + mailbox, isDirectory: true) }
        return url
    }

    /// Creates a mailbox by making its Maildir++ folder.
    public func createMailbox(_ mailbox: String, user: String = DovecotServer.alice.name) throws {
        let root = maildir(user: user, mailbox: mailbox)
        for sub in ["cur", "new", "tmp"] {
            let dir = root.appendingPathComponent(sub)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try own(dir.path)
        }
        try own(root.path)
    }

    /// Delivers a message as a mail server would: written into `tmp/`, then renamed into `new/` (or `cur/` with
    /// `seen`), owned by the mail user. Returns the final path.
    @discardableResult
    public func deliver(_ message: [UInt8], to mailbox: String = "INBOX", user: String = DovecotServer.alice.name,
                        seen: Bool = false) throws -> String {
        let root = maildir(user: user, mailbox: mailbox)
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent("new").path) {
            try createMailbox(mailbox, user: user)
        }
        lock.lock()
        deliveries += 1
        let number = deliveries
        lock.unlock()
        let unique = "\(Int(Date().timeIntervalSince1970)).M\(number)P\(getpid()).leadfwd-test"
        let temporary = root.appendingPathComponent("tmp/\(unique)")
        try Data(message).write(to: temporary)
        try own(temporary.path)
        let final = seen ? root.appendingPathComponent("cur/\(unique):2,S") : root.appendingPathComponent("new/\(unique)")
        guard rename(temporary.path, final.path) == 0 else {
            throw DovecotServerError.setupFailed("rename into \(final.path) failed: errno \(errno)")
        }
        return final.path
    }

    /// Delivers many messages in order (the server gives them ascending UIDs in that order).
    public func deliver(_ messages: [[UInt8]], to mailbox: String = "INBOX",
                        user: String = DovecotServer.alice.name) throws {
        for message in messages { try deliver(message, to: mailbox, user: user) }
    }

    /// Sets a mailbox's UIDVALIDITY with `doveadm mailbox update`, as a server does after renumbering a mailbox.
    public func setUIDValidity(_ value: UInt32, mailbox: String = "INBOX",
                               user: String = DovecotServer.alice.name) throws {
        try Self.run("doveadm", ["-c", configFile, "mailbox", "update", "-u", user,
                                 "--uid-validity", String(value), mailbox])
    }

    // MARK: Plumbing

    private func own(_ path: String) throws {
        guard chown(path, mailOwner.uid, mailOwner.gid) == 0 else {
            throw DovecotServerError.setupFailed("chown \(path) failed: errno \(errno)")
        }
    }

    private func waitForGreeting(pid: pid_t) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw DovecotServerError.startFailed("dovecot exited at start (status \(status)); log:\n\(log())" +
                    ((try? String(contentsOfFile: directory.path + "/dovecot.stderr", encoding: .utf8)) ?? ""))
            }
            if Self.greets(port: imapPort) { return }
            usleep(20_000)
        }
        throw DovecotServerError.startFailed("no `* OK` greeting on 127.0.0.1:\(imapPort) within 20 s; log:\n\(log())")
    }

    /// Whether something on the port sends an IMAP `* OK` greeting.
    private static func greets(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = recv(fd, &bytes, bytes.count, 0)
        return count >= 4 && bytes.starts(with: Array("* OK".utf8))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port nothing listens on right now.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DovecotServerError.setupFailed("socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw DovecotServerError.setupFailed("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts Dovecot in its own process group, so `kill()` reaches every process it forks.
    private func spawn(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let output = directory.path + "/dovecot.stderr"
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let executable = Self.locate(arguments[0])
        var cArguments = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, &cArguments, environ)
        guard result == 0 else { throw DovecotServerError.startFailed("could not run \(executable): errno \(result)") }
        return child
    }

    private static func locate(_ program: String) -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/local/sbin:/sbin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(program)") {
            return "\(dir)/\(program)"
        }
        return program
    }

    /// `scripts/dovecot-test-server`, found from this file's place in the checkout.
    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/dovecot-test-server").path
    }

    private static func script(_ arguments: [String]) throws {
        try run(scriptPath, arguments)
    }

    private static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : locate(program))
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DovecotServerError.setupFailed("\(program) \(arguments.joined(separator: " ")) exited "
                + "\(process.terminationStatus): \(String(decoding: message, as: UTF8.self))")
        }
    }
}

/// Signals every process in the group led by `leader` (a free function: inside the class `kill` is the method).
private func signalGroup(_ leader: pid_t, _ signal: Int32) {
    _ = kill(-leader, signal)
}

public enum DovecotServerError: Error, CustomStringConvertible {
    case setupFailed(String)
    case startFailed(String)

    public var description: String {
        switch self {
        case .setupFailed(let detail): return "private Dovecot setup failed: \(detail)"
        case .startFailed(let detail): return "private Dovecot did not start: \(detail)"
        }
    }
}
