import Foundation

/// Durable writes of the worker's files. `replace` leaves either the old or the new content whenever a crash happens:
/// write a temporary file, fsync it, rename it over the target, fsync the folder.
enum DurableFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var operation: String
        var code: Int32
        var description: String { "\(operation) \(path) failed: \(String(cString: strerror(code)))" }
    }

    static func replace(_ path: String, with data: Data) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        do {
            try writeAndSync(temporary, data, flags: O_TRUNC)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, operation: "rename", code: code)
        }
        try syncDirectory(directory)
    }

    /// Appends with one write and one fsync (the file is created 0600 if missing).
    static func append(_ path: String, _ data: Data) throws(WriteError) {
        try writeAndSync(path, data, flags: O_APPEND)
    }

    static func syncDirectory(_ directory: String) throws(WriteError) {
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw WriteError(path: directory, operation: "open", code: errno) }
        defer { close(directoryFD) }
        guard fsync(directoryFD) == 0 else { throw WriteError(path: directory, operation: "fsync", code: errno) }
    }

    private static func writeAndSync(_ path: String, _ data: Data, flags: Int32) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        var written = 0
        let writeFailure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            while written < buffer.count {
                let count = write(fd, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        if let writeFailure { throw WriteError(path: path, operation: "write", code: writeFailure) }
        guard fsync(fd) == 0 else { throw WriteError(path: path, operation: "fsync", code: errno) }
    }
}
