import Foundation

/// Makes sure one worker at a time reads a data directory's mailboxes: two would fetch everything twice and race on
/// the checkpoints. An exclusive `flock` on `DATA_DIR/worker/worker.lock`, released when the process ends (even by
/// SIGKILL). Commands that only read (`status`, `unmatched`) do not take it.
final class WorkerLock: Sendable {
    struct Held: Error, CustomStringConvertible {
        var path: String
        var holder: String
        var description: String {
            "another leadfwd worker\(holder.isEmpty ? "" : " (pid \(holder))") is already running on this data "
                + "directory (\(path) is locked); stop it first, or give this one another data_dir"
        }
    }

    private let descriptor: Int32

    init(stateDirectory: MailboxStateDirectory) throws {
        try FileManager.default.createDirectory(atPath: stateDirectory.path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = (stateDirectory.path as NSString).appendingPathComponent("worker.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw MailboxStateDirectory.Failure(path: path, problem: "cannot be opened: " + String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw Held(path: path, holder: holder)
        }
        // Who holds it, for the message a second worker prints. Informational only: the lock is the flock.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
