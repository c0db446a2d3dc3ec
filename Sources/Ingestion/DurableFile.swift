import Foundation

/// Durable writes of the worker's files. `replace` leaves either the old or the new content whenever a crash happens:
/// write a temporary file, fsync it, rename it over the target, and (unless told not to) fsync the folder, which makes
/// the rename itself survive a power failure.
enum DurableFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var operation: String
        var code: Int32
        var description: String { "\(operation) \(path) failed: \(String(cString: strerror(code)))" }
    }

    /// `syncingFolder: false` for a file whose older version is as safe to find after a power failure as the new one
    /// (a checkpoint: the older one means reading a batch again).
    static func replace(_ path: String, with data: Data, syncingFolder: Bool = true) throws(WriteError) {
        let (directory, name) = folderAndName(path)
        let temporary = "\(directory)/.\(name).\(getpid()).tmp"
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
        if syncingFolder { try syncDirectory(directory) }
    }

    /// `path` split at its last `/`: the folder (`.` when there is none, `/` for a file in the root) and the name.
    /// Read as bytes: `NSString`'s path methods cost tens of thousands of instructions a call, twice per batch.
    static func folderAndName(_ path: String) -> (folder: String, name: String) {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        let name = String(path[utf8.index(after: slash)...])
        var end = slash
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        return (end == utf8.startIndex ? "/" : String(path[..<end]), name)
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
