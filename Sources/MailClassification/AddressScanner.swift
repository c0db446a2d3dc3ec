import Foundation

/// Finds `local@domain` addresses in free text in one pass over its UTF-8 bytes, with the line each was found on
/// and where the text around it lies on that line.
enum AddressScanner {
    struct Found: Equatable {
        let address: String
        /// `address.lowercased()`.
        let lowered: String
        let line: Int
        /// Byte range in the line of up to 64 bytes before the address; the text is read only if a check needs it.
        let before: Range<Int>
        /// Byte range in the line of up to 200 bytes after the address.
        let after: Range<Int>

        /// An address found elsewhere (a header), with no text around it.
        init(address: String) {
            self.init(address: address, lowered: address.lowercased(), line: 0, before: 0..<0, after: 0..<0)
        }

        init(address: String, lowered: String, line: Int, before: Range<Int>, after: Range<Int>) {
            self.address = address
            self.lowered = lowered
            self.line = line
            self.before = before
            self.after = after
        }
    }

    private static func isLocal(_ byte: UInt8) -> Bool { localBytes[Int(byte)] }

    /// Per byte: whether it may be part of a local part (a table: the scan asks for every byte before an "@").
    private static let localBytes: [Bool] = (0...255).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF:
            return true
        default:
            return "._%+-=!#$&'*/?^`{|}~".utf8.contains(byte)
        }
    }

    private static func isDomain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }

    /// An address as the scan finds it: where it lies on its line, before it is spelled as a string. Reports
    /// mention many addresses that are dropped at once (the bounce's own sender and addressee), so only the ones
    /// kept are spelled.
    struct Spot {
        let line: Int
        /// Byte range of the address in its line.
        let address: Range<Int>
        /// Offset of its "@" in the line.
        let at: Int
        /// Up to 64 bytes before and 200 after the address, as `Found` keeps them.
        let before: Range<Int>
        let after: Range<Int>

        /// The address spelled from its line's bytes.
        func found(inLine bytes: UnsafeBufferPointer<UInt8>) -> Found {
            let (spelling, lowered) = spelled(UnsafeBufferPointer(rebasing: bytes[address]), at: at - address.lowerBound)
            return Found(address: spelling, lowered: lowered, line: line, before: before, after: after)
        }

        /// The address's bytes when they are ASCII (then lowercasing maps only A–Z), else nil.
        func asciiBytes(inLine bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>>? {
            let spelling = bytes[address]
            return spelling.contains(where: { $0 >= 0x80 }) ? nil : spelling
        }

        /// The local part of ASCII `spelling` (the address's bytes as `asciiBytes` gives them).
        func localPart(of spelling: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
            spelling[spelling.startIndex..<(spelling.startIndex + at - address.lowerBound)]
        }
    }

    static func addresses(inLines lines: [Substring], counter: StepCounter? = nil) -> [Found] {
        var found: [Found] = []
        var spots: [Spot] = []
        // Each line is read in place (lines are slices of one stored text), copied only if it is not contiguous.
        for (lineIndex, line) in lines.enumerated() {
            func spell(_ bytes: UnsafeBufferPointer<UInt8>) {
                spots.removeAll(keepingCapacity: true)
                scan(bytes, lineIndex: lineIndex, into: &spots, counter: counter)
                for spot in spots { found.append(spot.found(inLine: bytes)) }
            }
            if line.utf8.withContiguousStorageIfAvailable(spell) == nil {
                line.utf8Bytes().withUnsafeBufferPointer(spell)
            }
        }
        return found
    }

    /// Where the addresses lie on the lines of `text` given as byte ranges, in order and apart.
    static func spots(in text: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], counter: StepCounter? = nil) -> [Spot] {
        var spots: [Spot] = []
        guard let base = text.baseAddress, let first = lines.first, let last = lines.last else { return spots }
        // Most lines hold no "@": one byte search over the whole text finds the lines that do, and only those are
        // scanned.
        let end = last.upperBound
        counter?.add(end - first.lowerBound)
        var lineIndex = 0
        var from = first.lowerBound
        while from < end, let found = memchr(base + from, 0x40, end - from) {
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // Some line ends after `position` (the last one does), so this stops on a line.
            while lines[lineIndex].upperBound <= position { lineIndex += 1 }
            let line = lines[lineIndex]
            guard position >= line.lowerBound else {
                // Between two lines: not on any.
                from = line.lowerBound
                continue
            }
            scan(UnsafeBufferPointer(rebasing: text[line]), lineIndex: lineIndex, into: &spots, counter: counter)
            from = line.upperBound
            lineIndex += 1
            if lineIndex == lines.count { break }
        }
        return spots
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, lineIndex: Int, into spots: inout [Spot],
                             counter: StepCounter?) {
        counter?.add(bytes.count)
        guard let base = bytes.baseAddress else { return }
        var index = 0
        var lastAtEnd = 0
        while index < bytes.count {
            // On to the next "@" by the C library's byte search: the text between them is not read byte by byte,
            // and a line without one is passed at once.
            guard let next = memchr(base + index, 0x40, bytes.count - index) else { break }
            index = base.distance(to: next.assumingMemoryBound(to: UInt8.self))
            guard index > lastAtEnd else { index += 1; continue }
            var start = index
            while start > lastAtEnd, index - start < 64, isLocal(bytes[start - 1]) { start -= 1 }
            while start < index, bytes[start] == UInt8(ascii: ".") || bytes[start] == UInt8(ascii: "'")
                    || bytes[start] == UInt8(ascii: "-") { start += 1 }
            var end = index + 1
            while end < bytes.count, end - index <= 256, isDomain(bytes[end]) { end += 1 }
            while end > index + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
            let domain = bytes[(index + 1)..<end]
            if start < index, domain.contains(UInt8(ascii: ".")) {
                spots.append(Spot(line: lineIndex, address: start..<end, at: index,
                                  before: max(0, start - 64)..<start, after: end..<min(bytes.count, end + 200)))
            }
            lastAtEnd = end
            index = max(end, index + 1)
        }
    }

    /// The address in `bytes` (its "@" at `at`) with its domain lowercased, and all of it lowercased. ASCII, where
    /// lowercasing maps only A–Z, is spelled by bytes in one string each; other text takes the `String` path.
    private static func spelled(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> (address: String, lowered: String) {
        let isUpper: (UInt8) -> Bool = { $0 >= 0x41 && $0 <= 0x5A }
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            let local = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<at]), as: UTF8.self)
            let address = local + "@" + String(decoding: UnsafeBufferPointer(rebasing: bytes[(at + 1)...]), as: UTF8.self).lowercased()
            return (address, address.lowercased())
        }
        // The local part and "@" copied as they are; only the domain is lowered byte by byte.
        let address = String(unsafeUninitializedCapacity: bytes.count) { out in
            guard let source = bytes.baseAddress, let target = out.baseAddress else { return 0 }
            target.update(from: source, count: at + 1)
            for offset in (at + 1)..<bytes.count { target[offset] = source[offset].lowercasedASCII }
            return bytes.count
        }
        guard bytes[..<at].contains(where: isUpper) else { return (address, address) }
        let lowered = String(unsafeUninitializedCapacity: bytes.count) { out in
            for offset in 0..<bytes.count { out[offset] = bytes[offset].lowercasedASCII }
            return bytes.count
        }
        return (address, lowered)
    }
}
