import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls durability needs, each turning failure into a `StoreError` that names the file.
/// Every file is created 0600 and every directory 0700: the store holds people's addresses.
enum DurableFiles {
    static func ensureDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError.notADirectory(path: path) }
            return
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw StoreError.io(file: path, operation: "mkdir", errno: errno)
        }
    }

    /// Opens (creating 0600 if needed) for reading and writing.
    static func openForWriting(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io(file: path, operation: "open", errno: errno) }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(file: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }

    static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw StoreError.io(file: path, operation: "fsync", errno: errno) }
    }

    /// Makes a rename or a new file in `directory` durable.
    static func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(file: directory, operation: "open directory", errno: errno) }
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    /// Replaces `path` atomically: write a temporary file, fsync it, rename it over, fsync the directory.
    /// A crash at any instant leaves either the old file or the new one.
    static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io(file: temporary, operation: "create", errno: errno) }
        do {
            try writeAll(fd, bytes, path: temporary)
            try sync(fd, path: temporary)
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw StoreError.io(file: path, operation: "rename", errno: code)
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw StoreError.io(file: from, operation: "rename to \(to)", errno: errno) }
    }

    /// The bytes of `path` from `offset` to its end; nil when the file does not exist.
    static func read(_ path: String, from offset: UInt64 = 0) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(file: path, operation: "open", errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.io(file: path, operation: "stat", errno: errno) }
        let size = UInt64(info.st_size)
        guard size > offset else { return [] }
        let count = Int(size - offset)
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while done < count {
                let got = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(file: path, operation: "read", errno: errno)
                }
                if got == 0 { break }
                done += got
            }
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    static func size(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_size)
    }
}
