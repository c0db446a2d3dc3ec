import Foundation

/// One message read from a mail source, or why none could be read.
public struct SourcedMessage: Sendable {
    /// Where it came from: the file path, `path#N` for the N-th message of an mbox holding several (N from 1), `-` for
    /// standard input (`-#N` when it is such an mbox).
    public var source: String
    public var bytes: Result<[UInt8], MessageSourceError>
    /// The message was longer than `ParseLimits.maxMessageBytes`; `bytes` holds its beginning only.
    public var truncated: Bool

    public init(source: String, bytes: Result<[UInt8], MessageSourceError>, truncated: Bool = false) {
        self.source = source
        self.bytes = bytes
        self.truncated = truncated
    }
}

/// The messages in a list of paths, read lazily one at a time, in a deterministic order.
///
/// Each path may be a message file (`.eml` or any name), an mbox file (it starts with a `From ` line; mboxo and
/// mboxrd quoting undone), a Maildir (`cur/` and `new/` read, `tmp/` not), a directory tree of message files (see
/// `MessageSourceDirectory`), or `-` for standard input (a message or an mbox). Nothing is read before it is
/// yielded, and an mbox of any size holds one message at a time; a message longer than `limits.maxMessageBytes` is
/// yielded cut at that size with `truncated` set. Problems (a missing path, an unreadable or empty file, bytes that
/// are not mail) are yielded as failures naming the path, and iteration goes on with the next message.
public struct MessageSources: Sequence, Sendable {
    public let paths: [String]
    public let limits: ParseLimits
    private let standardInput: FileHandle

    /// `standardInput` is what `-` reads (the process's standard input unless a test gives another handle).
    public init(paths: [String], limits: ParseLimits = .default, standardInput: FileHandle = .standardInput) {
        self.paths = paths
        self.limits = limits
        self.standardInput = standardInput
    }

    public func makeIterator() -> Iterator {
        Iterator(paths: paths, limits: limits, standardInput: standardInput)
    }

    /// Whether bytes start like a mail message: after blank lines, the first line is a header field (`Name:`) or an
    /// mbox `From ` line, and the beginning holds no NUL byte. Cheap: looks at the first kilobyte at most.
    public static func looksLikeMail(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { whole in
            // The window is read in place and searched for NUL with memchr: the worker sniffs every file it reads, and
            // a generic scan of a kilobyte cost several thousand instructions per message.
            let window = UnsafeBufferPointer(rebasing: whole[..<Swift.min(whole.count, 1024)])
            if ByteScanning.firstIndex(of: 0, in: window, from: 0, end: window.count) != nil { return false }
            var index = 0
            if window.count >= 3, window[0] == 0xEF, window[1] == 0xBB, window[2] == 0xBF { index = 3 }
            while index < window.count, ByteScanning.isWhitespace(window[index]) { index += 1 }
            let line = UnsafeBufferPointer(rebasing: window[index...])
            if MboxReader.startsWithFromLine(line) { return true }
            var nameLength = 0
            for byte in line {
                switch byte {
                case UInt8(ascii: ":"):
                    return nameLength > 0
                case 33...126 where nameLength < 100:
                    nameLength += 1
                default:
                    return false
                }
            }
            return false
        }
    }

    /// The bytes as a message, or `.empty` / `.notMail` naming `source`.
    static func classify(_ bytes: [UInt8], source: String) -> Result<[UInt8], MessageSourceError> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            return .failure(.empty(path: source))
        }
        return looksLikeMail(bytes) ? .success(bytes) : .failure(.notMail(path: source))
    }

    public struct Iterator: IteratorProtocol {
        private enum Job {
            /// A path the user named: anything goes.
            case named(String)
            /// A message file found in a directory.
            case file(String)
        }

        private let limits: ParseLimits
        private let standardInput: FileHandle
        /// Work still to do, last first.
        private var jobs: [Job]
        private var mbox: MboxReader?
        /// The largest number of bytes an mbox reader has held so far, for tests that prove streaming.
        private(set) var peakMboxHeldBytes = 0

        init(paths: [String], limits: ParseLimits, standardInput: FileHandle) {
            self.limits = limits
            self.standardInput = standardInput
            // `dir/` and `dir` name the same messages; keep sources free of `dir//a.eml`.
            jobs = paths.reversed().map { path in
                var trimmed = Substring(path)
                while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
                return Job.named(String(trimmed))
            }
        }

        public mutating func next() -> SourcedMessage? {
            while true {
                if let reader = mbox {
                    let message = reader.next()
                    peakMboxHeldBytes = Swift.max(peakMboxHeldBytes, reader.peakHeldBytes)
                    if let message { return message }
                    mbox = nil
                }
                guard let job = jobs.popLast() else { return nil }
                switch job {
                case .named("-"):
                    let stream = MessageSourceStream(descriptor: standardInput.fileDescriptor, source: "-",
                                                     ownsDescriptor: false)
                    if let message = read(stream) { return message }
                case .named(let path):
                    if MessageSourceDirectory.isDirectory(path) {
                        switch MessageSourceDirectory.messageFiles(in: path) {
                        case .success(let files) where files.isEmpty:
                            return SourcedMessage(source: path, bytes: .failure(.noMessages(path: path)))
                        case .success(let files):
                            jobs.append(contentsOf: files.reversed().map(Job.file))
                        case .failure(let error):
                            return SourcedMessage(source: path, bytes: .failure(error))
                        }
                        continue
                    }
                    if let message = open(path) { return message }
                case .file(let path):
                    if let message = open(path) { return message }
                }
            }
        }

        private mutating func open(_ path: String) -> SourcedMessage? {
            switch MessageSourceStream.openFile(path: path) {
            case .success(let stream): return read(stream)
            case .failure(let error): return SourcedMessage(source: path, bytes: .failure(error))
            }
        }

        /// One message, or the first of an mbox (the reader is kept for the rest).
        private mutating func read(_ stream: MessageSourceStream) -> SourcedMessage? {
            var bytes: [UInt8] = []
            var sniffed = false
            while bytes.count <= limits.maxMessageBytes {
                switch stream.readChunk(appendingTo: &bytes) {
                case .failure(let error):
                    return SourcedMessage(source: stream.source, bytes: .failure(error))
                case .success(let count):
                    // Five bytes tell an mbox ("From ") from a single message.
                    if !sniffed, bytes.count >= 5 || count == 0 {
                        sniffed = true
                        if MboxReader.startsWithFromLine(bytes) {
                            mbox = MboxReader(stream: stream, initialBytes: bytes,
                                              maxMessageBytes: limits.maxMessageBytes)
                            return nil
                        }
                    }
                    if count == 0 {
                        return SourcedMessage(source: stream.source,
                                              bytes: MessageSources.classify(bytes, source: stream.source))
                    }
                }
            }
            let kept = Array(bytes.prefix(limits.maxMessageBytes))
            return SourcedMessage(source: stream.source, bytes: MessageSources.classify(kept, source: stream.source),
                                  truncated: true)
        }
    }
}
