import Engagement
import Foundation
import MailClassification

/// What matching tried for a message that matched no contact: the Message-IDs it answers (an embedded original's,
/// In-Reply-To, References) and the addresses it names, kept as the message gave them.
///
/// A person reads them in one sentence, the unmatched record's reason (`no contact matches <id>, a@b.test`). That
/// sentence is written straight from these strings in one allocation: no `<id>` string or sorted list is built on
/// the way, and nothing at all for the messages that do match.
public struct MatchAttempts: Sendable, Equatable {
    public var originalMessageID: String?
    public var inReplyTo: String?
    public var references: [String]
    /// Normalised addresses, in the order they were tried (a bounce may name one twice).
    public var addresses: [String]

    public init(originalMessageID: String? = nil, inReplyTo: String? = nil, references: [String] = [],
                addresses: [String] = []) {
        self.originalMessageID = originalMessageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.addresses = addresses
    }

    /// The Message-IDs `verdict` answers, and `addresses`.
    init(answering verdict: borrowing Verdict, addresses: [String]) {
        self.init(originalMessageID: verdict.originalMessageID, inReplyTo: verdict.inReplyTo,
                  references: verdict.references, addresses: addresses)
    }

    /// Every attempt as written in the reason (`<id>` or the address), sorted, each once.
    public var tried: [String] {
        withSortedAttempts { bytes, attempts in
            attempts.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    /// `no contact matches <id>, a@b.test; <evidence>` (or `no address or Message-ID to match` when nothing could
    /// be tried), the evidence part only when there is one.
    public func reason(evidence: String?) -> String {
        withSortedAttempts { bytes, attempts in
            var length = attempts.isEmpty ? Self.nothingTried.utf8.count : Self.lead.utf8.count
            for attempt in attempts { length += attempt.count }
            length += 2 * max(0, attempts.count - 1)
            if let evidence { length += 2 + evidence.utf8.count }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var writer = ReasonWriter(buffer)
                if attempts.isEmpty {
                    writer.append(Self.nothingTried)
                } else {
                    writer.append(Self.lead)
                    for (index, attempt) in attempts.enumerated() {
                        if index > 0 { writer.append(", ") }
                        writer.append(UnsafeBufferPointer(rebasing: bytes[attempt]))
                    }
                }
                if let evidence {
                    writer.append("; ")
                    writer.append(evidence)
                }
                return writer.count
            }
        }
    }

    private static let lead = "no contact matches "
    private static let nothingTried = "no address or Message-ID to match"

    /// The attempts as written (`<id>`, the address) one after another in a temporary buffer, and where each is in it,
    /// sorted as their `String`s sort, each once. A handful of them, compared as bytes.
    private func withSortedAttempts<Result>(
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Range<Int>>) -> Result
    ) -> Result {
        var length = 0
        var count = 0
        forEachAttempt { text, bracketed in
            length += text.utf8.count + (bracketed ? 2 : 0)
            count += 1
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { bytes in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: count) { ranges in
                var writer = ReasonWriter(bytes)
                var highBits: UInt8 = 0
                var filled = 0
                forEachAttempt { text, bracketed in
                    let start = writer.count
                    if bracketed { writer.append("<") }
                    highBits |= writer.appendNotingHighBits(text)
                    if bracketed { writer.append(">") }
                    ranges.initializeElement(at: filled, to: start..<writer.count)
                    filled += 1
                }
                let written = UnsafeBufferPointer(bytes)
                let unique = Self.sortUnique(UnsafeMutableBufferPointer(rebasing: ranges[..<filled]), of: written,
                                             asASCII: highBits < 0x80)
                return body(written, UnsafeBufferPointer(rebasing: ranges[..<unique]))
            }
        }
    }

    /// The embedded original's Message-ID, In-Reply-To, each reference (empty ones are no attempt), then the addresses.
    private func forEachAttempt(_ body: (_ text: String, _ bracketed: Bool) -> Void) {
        if let originalMessageID, !originalMessageID.isEmpty { body(originalMessageID, true) }
        if let inReplyTo, !inReplyTo.isEmpty { body(inReplyTo, true) }
        for reference in references where !reference.isEmpty { body(reference, true) }
        for address in addresses { body(address, false) }
    }

    /// Sorts `ranges` of `bytes` and moves each distinct one once to the front; returns how many. ASCII sorts and
    /// compares as bytes; beyond it, `String` order (Unicode canonical order) and equality decide, as they always did.
    private static func sortUnique(_ ranges: UnsafeMutableBufferPointer<Range<Int>>, of bytes: UnsafeBufferPointer<UInt8>,
                                   asASCII: Bool) -> Int {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        func order(_ left: Range<Int>, _ right: Range<Int>) -> Int {
            guard asASCII else { return text(left) < text(right) ? -1 : text(left) == text(right) ? 0 : 1 }
            let common = min(left.count, right.count)
            if common > 0, let base = bytes.baseAddress {
                let order = memcmp(base + left.lowerBound, base + right.lowerBound, common)
                if order != 0 { return Int(order) }
            }
            return left.count - right.count
        }
        var ranges = ranges
        if ranges.count <= 16 {
            // Insertion sort: usually there are a handful.
            for index in ranges.indices.dropFirst() {
                var slot = index
                while slot > 0 && order(ranges[slot], ranges[slot - 1]) < 0 {
                    ranges.swapAt(slot, slot - 1)
                    slot -= 1
                }
            }
        } else {
            ranges.sort { order($0, $1) < 0 }
        }
        var unique = 0
        for index in ranges.indices where unique == 0 || order(ranges[unique - 1], ranges[index]) != 0 {
            ranges[unique] = ranges[index]
            unique += 1
        }
        return unique
    }
}

/// Appends UTF-8 to a buffer whose size was counted beforehand.
private struct ReasonWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func append(_ text: String) {
        text.withBorrowedUTF8 { append($0) }
    }

    /// Appends `text` and returns its bytes' OR, whose high bit says whether any was beyond ASCII (only the sort needs
    /// to know; the reason's text is copied without the extra pass).
    mutating func appendNotingHighBits(_ text: String) -> UInt8 {
        text.withBorrowedUTF8 { bytes in
            append(bytes)
            return bytes.reduce(0) { $0 | $1 }
        }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, let base = buffer.baseAddress,
              count + bytes.count <= buffer.count else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
