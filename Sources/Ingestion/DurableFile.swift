import Foundation

/// Replaces a small file so that a crash at any instant leaves either the old or the new content:
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
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(path: temporary, operation: "create", code: errno) }
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
        if let writeFailure {
            close(fd)
            unlink(temporary)
            throw WriteError(path: temporary, operation: "write", code: writeFailure)
        }
        guard fsync(fd) == 0 else {
            let code = errno
            close(fd)
            unlink(temporary)
            throw WriteError(path: temporary, operation: "fsync", code: code)
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, operation: "rename", code: code)
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw WriteError(path: directory, operation: "open", code: errno) }
        defer { close(directoryFD) }
        guard fsync(directoryFD) == 0 else { throw WriteError(path: directory, operation: "fsync", code: errno) }
    }
}
