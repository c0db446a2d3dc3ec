#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on the store's lock file, held for every read-modify-write, so the worker and CLI commands
/// can run at once without lost updates. The kernel drops it when the process dies, even by SIGKILL.
final class StoreLock {
    private let fd: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        fd = try DurableFiles.openForWriting(path)
    }

    deinit { close(fd) }

    func withExclusiveLock<T>(_ body: () throws -> T) throws -> T {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw StoreError.io(file: path, operation: "flock", errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
