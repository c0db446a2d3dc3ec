#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the reader gets bytes from: the network in production, a byte array in parser tests.
protocol IMAPByteSource: AnyObject {
    /// Reads at least one byte into `buffer` and returns how many; nil when `deadline` passes first.
    /// Throws when the connection ends.
    func receive(into buffer: UnsafeMutableRawBufferPointer,
                 until deadline: ContinuousClock.Instant) throws(IMAPError) -> Int?
}

extension CurlTransport: IMAPByteSource {}

/// One complete server response as bytes. A response that carries literals (`{n}` at the end of a line, then n raw
/// bytes) is split at them: line i is followed by `literals[i]`, so `lines.count == literals.count + 1`.
/// Literal bytes are never scanned for CRLF or tags, which is what keeps a message body containing `A004 OK` from
/// ending a response.
struct IMAPRawResponse {
    /// The lines' bytes one after another, CR LF stripped.
    var text: [UInt8]
    /// Where each line is in `text`.
    var lines: [Range<Int>]
    var literals: [[UInt8]]

    /// The response with literals replaced by `{n}` markers, for error messages.
    var summary: String {
        let text = lines.map { String(decoding: self.text[$0], as: UTF8.self) }.joined(separator: " ")
        return text.count > 300 ? String(text.prefix(297)) + "..." : text
    }
}

/// Reads IMAP server responses from a byte source: lines end at LF (CR stripped), literals are read by count.
///
/// A struct its connection owns, not a class: a fetched message's response touches the reader's state a dozen times,
/// and a class's stored properties pay a run-time exclusivity check on each of those accesses.
struct IMAPResponseReader: ~Copyable {
    private let source: any IMAPByteSource
    private var buffer: [UInt8] = []
    /// First unconsumed byte in `buffer`.
    private var start = 0
    /// Bytes before this index (and after `start`) are known to hold no LF.
    private var scanned = 0
    private let chunk: UnsafeMutableRawBufferPointer
    private let maxLineBytes: Int
    private let maxLiteralBytes: Int
    var timeout: Duration
    private let context: (host: String, port: Int)
    /// The response being read: its lines' bytes, where each line is in them, its literals. Reused for every response.
    private var lineText: [UInt8] = []
    private var lineRanges: [Range<Int>] = []
    private var literals: [[UInt8]] = []

    init(source: any IMAPByteSource, timeout: Duration, maxLiteralBytes: Int, maxLineBytes: Int = 64 * 1024 * 1024,
         host: String, port: Int, chunkBytes: Int = 256 * 1024) {
        self.source = source
        self.timeout = timeout
        self.maxLiteralBytes = maxLiteralBytes
        self.maxLineBytes = maxLineBytes
        context = (host, port)
        chunk = .allocate(byteCount: chunkBytes, alignment: 1)
    }

    deinit { chunk.deallocate() }

    /// True when bytes of a next response are already here, so waiting on the socket would be wrong.
    var hasBufferedBytes: Bool { start < buffer.count }

    /// Waits until at least one byte is buffered; false if `deadline` passes first.
    mutating func waitForData(until deadline: ContinuousClock.Instant) throws(IMAPError) -> Bool {
        if hasBufferedBytes { return true }
        return try fill(until: deadline)
    }

    /// Reads one complete response and interprets it; a response that is not IMAP as we know it is a protocol error.
    mutating func readResponse() throws(IMAPError) -> IMAPServerResponse {
        let raw = try readRawResponse()
        do {
            return try IMAPServerResponse(raw)
        } catch {
            throw IMAPError(.protocolError, host: context.host, port: context.port, detail: "\(error.detail): \(raw.summary)")
        }
    }

    /// One response's bytes. Built in the reader's own arrays, which the next response reuses: one arrives for every
    /// fetched message, and only its literal (the message) needs memory of its own.
    mutating func readRawResponse() throws(IMAPError) -> IMAPRawResponse {
        // A huge line (a SEARCH over a large mailbox) is not worth keeping the room for.
        if lineText.capacity > 1 << 20 { lineText = [] }
        lineText.removeAll(keepingCapacity: true)
        lineRanges.removeAll(keepingCapacity: true)
        literals.removeAll(keepingCapacity: true)
        while true {
            let line = try readLine()
            lineRanges.append(line)
            let context = context
            guard let length = try Self.literalLength(atEndOf: lineText[line], limit: maxLiteralBytes, error: {
                IMAPError(.limitExceeded, host: context.host, port: context.port, detail: $0)
            }) else {
                return IMAPRawResponse(text: lineText, lines: lineRanges, literals: literals)
            }
            literals.append(try readExactly(length))
        }
    }

    /// `{123}` or `{123+}` ending a line announces a literal of 123 bytes.
    static func literalLength(atEndOf line: ArraySlice<UInt8>, limit: Int,
                              error: (String) -> IMAPError) throws(IMAPError) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.endIndex - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 12,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard value <= limit else {
            throw error("server announced a \(value)-byte literal, over the \(limit)-byte limit")
        }
        return value
    }

    /// Appends the next line (CR LF stripped) to `lineText`; returns where it is there.
    private mutating func readLine() throws(IMAPError) -> Range<Int> {
        while true {
            if let newline = findNewline() {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let begin = lineText.count
                lineText.append(contentsOf: buffer[start..<end])
                start = newline + 1
                scanned = start
                return begin..<lineText.count
            }
            scanned = buffer.count
            guard buffer.count - start <= maxLineBytes else {
                throw limitExceeded("response line longer than \(maxLineBytes) bytes")
            }
            guard try fill(until: ContinuousClock.now + timeout) else { throw timedOut() }
        }
    }

    private func findNewline() -> Int? {
        let from = max(start, scanned)
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress,
                  let hit = memchr(base + from, Int32(UInt8(ascii: "\n")), raw.count - from) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    private mutating func readExactly(_ count: Int) throws(IMAPError) -> [UInt8] {
        var literal: [UInt8] = []
        literal.reserveCapacity(count)
        while true {
            let take = min(count - literal.count, buffer.count - start)
            literal.append(contentsOf: buffer[start..<(start + take)])
            start += take
            scanned = start
            if literal.count == count { return literal }
            guard try fill(until: ContinuousClock.now + timeout) else { throw timedOut() }
        }
    }

    /// Appends what the source has; false on deadline.
    private mutating func fill(until deadline: ContinuousClock.Instant) throws(IMAPError) -> Bool {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start > 1 << 20 && start > buffer.count / 2 {
            // Drop consumed bytes once they dominate, so the buffer stays proportional to one response.
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        guard let count = try source.receive(into: chunk, until: deadline) else { return false }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        return true
    }

    private func limitExceeded(_ detail: String) -> IMAPError {
        IMAPError(.limitExceeded, host: context.host, port: context.port, detail: detail)
    }

    private func timedOut() -> IMAPError {
        IMAPError(.timeout, host: context.host, port: context.port,
                  detail: "no data from the server for \(timeout) in the middle of a response")
    }
}
