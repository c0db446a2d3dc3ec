#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits an mbox stream into messages while holding one message (and one read chunk) at a time.
///
/// A line starting with `From ` begins a message when it is the stream's first line or carries a time of day
/// (`From sender Thu Nov 27 10:20:30 2026`): unquoted `From ` lines inside bodies ("From the desk of…") are common in
/// mbox files written by careless tools, and they never carry a time. `>From `, `>>From `… lines lose one `>`
/// (mboxrd; for mboxo this undoes the only quoting it did). The separator line and the blank line before the next
/// separator are framing, not message.
/// Messages are named `path#N` (N from 1), except that a file holding one message is named `path`.
final class MboxReader {
    private let stream: MessageSourceStream
    private let maxMessageBytes: Int
    /// Bytes read but not yet consumed, from `position` on.
    private var buffer: [UInt8]
    private var position = 0
    private var endOfInput = false
    private var readError: MessageSourceError?
    /// False when the next unconsumed byte continues an over-long line cut into fragments.
    private var atLineStart = true
    private var messageNumber = 0
    private var message: [UInt8] = []
    private var finished = false

    /// Lines longer than this are handled in fragments, so a file without newlines cannot fill memory.
    static let maxLineFragment = 1 << 20

    /// The most bytes held at once (read buffer plus the message being collected), for tests that prove streaming.
    private(set) var peakHeldBytes = 0

    /// `initialBytes` were already read from `stream` (to sniff the format) and start with the first `From ` line.
    init(stream: MessageSourceStream, initialBytes: [UInt8], maxMessageBytes: Int) {
        self.stream = stream
        self.buffer = initialBytes
        self.maxMessageBytes = max(maxMessageBytes, 1)
    }

    func next() -> SourcedMessage? {
        guard !finished else { return nil }
        message = []
        var truncated = false
        var sawSeparator = false
        while let line = nextLine() {
            let bytes = buffer[line.range]
            if line.startsLine, Self.isSeparator(bytes, first: messageNumber == 0 && !sawSeparator) {
                if sawSeparator {
                    // This separator opens the next message: leave it unconsumed.
                    position = line.range.lowerBound
                    atLineStart = true
                    return finishMessage(truncated: truncated, last: false)
                }
                sawSeparator = true
                messageNumber += 1
                continue
            }
            var content = bytes
            if line.startsLine, Self.isQuotedFrom(bytes) { content = content.dropFirst() }
            let room = maxMessageBytes - message.count
            if content.count > room {
                truncated = true
                message.append(contentsOf: content.prefix(max(room, 0)))
            } else {
                message.append(contentsOf: content)
            }
            peakHeldBytes = max(peakHeldBytes, buffer.count + message.count)
        }
        finished = true
        if let readError {
            return SourcedMessage(source: source(), bytes: .failure(readError))
        }
        guard sawSeparator || !message.isEmpty else { return nil }
        return finishMessage(truncated: truncated, last: true)
    }

    /// `path#N`; a file holding a single message after its envelope `From ` line (a saved bounce, say) is just
    /// `path`, as any other message file.
    private func source(onlyMessage: Bool = false) -> String {
        onlyMessage ? stream.source : "\(stream.source)#\(max(messageNumber, 1))"
    }

    private func finishMessage(truncated: Bool, last: Bool) -> SourcedMessage {
        // The blank line before the next separator (or the end of the file) is mbox framing.
        if message.last == UInt8(ascii: "\n") {
            let lineEnd = message.count >= 2 && message[message.count - 2] == UInt8(ascii: "\r") ? 2 : 1
            let beforeLineEnd = message.count - lineEnd
            if beforeLineEnd >= 1, message[beforeLineEnd - 1] == UInt8(ascii: "\n") {
                message.removeLast(lineEnd)
            }
        }
        let name = source(onlyMessage: last && messageNumber == 1)
        let bytes = message
        return SourcedMessage(source: name, bytes: MessageSources.classify(bytes, source: name), truncated: truncated)
    }

    private struct Line {
        var range: Range<Int>
        /// The line begins at a line start (not a continuation fragment of an over-long line).
        var startsLine: Bool
    }

    /// The next line (with its line ending) in `buffer`, reading more input as needed; nil at the end of input.
    private func nextLine() -> Line? {
        var searchStart = position
        while true {
            let available = buffer.count - position
            if let newline = Self.firstNewline(in: buffer, from: searchStart) {
                return take(upTo: newline + 1, endsLine: true)
            }
            searchStart = buffer.count
            if endOfInput || readError != nil {
                return available > 0 ? take(upTo: buffer.count, endsLine: true) : nil
            }
            if available >= Self.maxLineFragment {
                return take(upTo: buffer.count, endsLine: false)
            }
            // Drop consumed bytes before reading more, so the buffer never grows past one line plus one chunk.
            if position > 0 {
                buffer.removeSubrange(0..<position)
                searchStart -= position
                position = 0
            }
            switch stream.readChunk(appendingTo: &buffer) {
            case .success(let count): endOfInput = count == 0
            case .failure(let error): readError = error
            }
            peakHeldBytes = max(peakHeldBytes, buffer.count + message.count)
        }
    }

    /// memchr: a byte-by-byte Swift loop costs a debug build seconds per gigabyte-sized mbox.
    private static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func take(upTo end: Int, endsLine: Bool) -> Line {
        let line = Line(range: position..<end, startsLine: atLineStart)
        position = end
        atLineStart = endsLine
        return line
    }

    static func startsWithFromLine(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: fromPrefix)
    }

    private static let fromPrefix = Array("From ".utf8)

    /// `From ` at the start, and (except for the stream's first line) a time of day `H:MM` within the line.
    private static func isSeparator(_ line: ArraySlice<UInt8>, first: Bool) -> Bool {
        guard line.starts(with: fromPrefix) else { return false }
        if first { return true }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        var previousDigit = false
        var index = line.startIndex + fromPrefix.count
        let end = min(line.endIndex, line.startIndex + 256)
        while index + 2 < end {
            if line[index] == UInt8(ascii: ":"), previousDigit,
               digits.contains(line[index + 1]), digits.contains(line[index + 2]) {
                return true
            }
            previousDigit = digits.contains(line[index])
            index += 1
        }
        return false
    }

    /// `>From `, `>>From `, …
    private static func isQuotedFrom(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: ">") { index += 1 }
        return index > line.startIndex && line[index...].starts(with: fromPrefix)
    }
}
