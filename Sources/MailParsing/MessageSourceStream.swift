#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A readable file descriptor: a file opened here (closed when released) or standard input (left open).
final class MessageSourceStream {
    let source: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Where `read` writes, reused for every chunk.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)

    /// Bytes fetched per read: big enough to make syscalls cheap, small enough to bound what is held.
    static let chunkSize = 64 << 10

    init(descriptor: Int32, source: String, ownsDescriptor: Bool) {
        self.descriptor = descriptor
        self.source = source
        self.ownsDescriptor = ownsDescriptor
    }

    /// Opens a path for reading, refusing what is not a file or a pipe (a device would stream forever).
    static func openFile(path: String) -> Result<MessageSourceStream, MessageSourceError> {
        // The path's own NUL-terminated bytes: passed as a String, it was copied into a new C string for each file.
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return .failure(.notFound(path: path)) }
            return .failure(.unreadable(path: path, reason: describe(errno: code)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = describe(errno: errno)
            close(descriptor)
            return .failure(.unreadable(path: path, reason: reason))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFIFO else {
            close(descriptor)
            let what = type == S_IFCHR || type == S_IFBLK ? "it is a device, not a file"
                : type == S_IFDIR ? "it is a directory" : "it is not a regular file"
            return .failure(.unreadable(path: path, reason: what))
        }
        return .success(MessageSourceStream(descriptor: descriptor, source: path, ownsDescriptor: true))
    }

    /// Appends up to `chunkSize` bytes to `buffer`; returns how many (0 at end of input).
    func readChunk(appendingTo buffer: inout [UInt8]) -> Result<Int, MessageSourceError> {
        while true {
            let count = read(descriptor, scratch.baseAddress, scratch.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failure(.unreadable(path: source, reason: Self.describe(errno: errno))) }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
            return .success(count)
        }
    }

    deinit {
        scratch.deallocate()
        if ownsDescriptor { close(descriptor) }
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a directory"
        case EIO: return "input/output error"
        default:
            guard let message = strerror(code) else { return "error \(code)" }
            return String(cString: message).lowercased()
        }
    }
}
