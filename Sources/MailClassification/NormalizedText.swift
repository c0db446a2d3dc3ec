#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Text folded for phrase matching: lowercase, common Latin diacritics removed, apostrophes unified, and every run
/// of other punctuation or whitespace turned into one space, with a space at each end. Phrases normalised the same
/// way then match on word boundaries only ("stop" never matches inside "nonstop").
struct NormalizedText {
    /// UTF-8 bytes of the folded text.
    let bytes: [UInt8]
    /// For each byte of `bytes`, the UTF-8 offset in the source of the Unicode scalar it came from (the source's
    /// length for the closing space).
    let sourceOffsets: [Int32]

    /// `trackingOrigins` fills `sourceOffsets`; without it that array stays empty and pure-ASCII text takes a
    /// byte-only fast path.
    init(_ text: some StringProtocol, counter: StepCounter? = nil, trackingOrigins: Bool = false) {
        if !trackingOrigins {
            let folded = Self.fold(text)
            counter?.add(folded.count)
            self.bytes = folded
            self.sourceOffsets = []
            return
        }
        var bytes: [UInt8] = [0x20]
        var origins: [Int32] = [0]
        bytes.reserveCapacity(text.utf8.count + 2)
        origins.reserveCapacity(text.utf8.count + 2)
        var scalarOffset: Int32 = 0
        var lastWasSpace = true
        // An apostrophe is part of a word only between letters ("don't", "l'entreprise"); elsewhere it is a quote.
        var pendingApostrophe = false
        // Non-ASCII letters are told by the one-pass fold's tables, not by a Unicode property look-up each.
        var classes = ScalarClassCache()
        for scalar in text.unicodeScalars {
            defer { scalarOffset &+= Int32(UTF8.width(scalar)) }
            let value = scalar.value
            let isApostrophe = value == 0x27 || value == 0x60 || value == 0x2019 || value == 0x2018
            if pendingApostrophe, !isApostrophe {
                pendingApostrophe = false
                let continuesWord = value < 0x80
                    ? (scalar.properties.isAlphabetic || (value >= 0x30 && value <= 0x39))
                    : classes.isAlphabetic(scalar)
                if !continuesWord {
                    bytes.removeLast(); origins.removeLast()
                    lastWasSpace = bytes.last == 0x20
                }
            }
            if isApostrophe {
                if lastWasSpace || pendingApostrophe { continue }
                bytes.append(UInt8(ascii: "'")); origins.append(scalarOffset); pendingApostrophe = true
                continue
            }
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    bytes.append(byte | 0x20); origins.append(scalarOffset); lastWasSpace = false
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    bytes.append(byte); origins.append(scalarOffset); lastWasSpace = false
                default:
                    if !lastWasSpace { bytes.append(0x20); origins.append(scalarOffset); lastWasSpace = true }
                }
                continue
            }
            guard classes.isLetterOrNumber(scalar) else {
                if !lastWasSpace { bytes.append(0x20); origins.append(scalarOffset); lastWasSpace = true }
                continue
            }
            if Self.isCJK(value) {
                // Chinese and Japanese write words without spaces: each character is its own word, so phrases
                // match inside runs of text.
                if !lastWasSpace { bytes.append(0x20); origins.append(scalarOffset) }
                for byte in String(scalar).utf8 { bytes.append(byte); origins.append(scalarOffset) }
                bytes.append(0x20); origins.append(scalarOffset)
                lastWasSpace = true
                continue
            }
            if let folded = LatinFolding.fold(value) {
                for byte in folded.utf8 { bytes.append(byte); origins.append(scalarOffset) }
            } else if let lowered = classes.lowercase(scalar) {
                for byte in String(lowered).utf8 { bytes.append(byte); origins.append(scalarOffset) }
            } else {
                for byte in scalar.properties.lowercaseMapping.utf8 { bytes.append(byte); origins.append(scalarOffset) }
            }
            lastWasSpace = false
        }
        if pendingApostrophe { bytes.removeLast(); origins.removeLast(); lastWasSpace = bytes.last == 0x20 }
        if !lastWasSpace { bytes.append(0x20); origins.append(scalarOffset) }
        counter?.add(bytes.count)
        self.bytes = bytes
        self.sourceOffsets = origins
    }

    /// `NormalizedText(text.leadingBytes(count))` folded in place, without copying the text's first bytes into a
    /// new string. The copy turns a scalar cut in half into U+FFFD, which is no letter or number: it folds to
    /// the space the end of the text leaves anyway, so the prefix is cut before that scalar instead.
    init(leadingBytes count: Int, of text: String, counter: StepCounter? = nil) {
        let folded = text.utf8.withContiguousStorageIfAvailable { utf8 in
            Self.fold(utf8: UnsafeBufferPointer(rebasing: utf8[..<Self.scalarBoundary(atOrBefore: count, in: utf8)]))
        }
        guard let folded else {
            self.init(text.leadingBytes(count), counter: counter)
            return
        }
        counter?.add(folded.count)
        self.init(folded: folded)
    }

    /// Already folded bytes (a fold's pieces put together).
    init(folded bytes: [UInt8]) {
        self.bytes = bytes
        self.sourceOffsets = []
    }

    /// The largest offset no greater than `count` (and the length) at which a scalar of valid UTF-8 starts.
    static func scalarBoundary(atOrBefore count: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard count < utf8.count else { return utf8.count }
        var cut = Swift.max(count, 0)
        while cut > 0, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// The folded bytes in one pass over the UTF-8 of `text`, writing straight into the result: ASCII bytes take a
    /// table-free fast path, other scalars the Unicode rules of the origin-tracking path (same output, byte for byte).
    private static func fold(_ text: some StringProtocol) -> [UInt8] {
        if let folded = text.utf8.withContiguousStorageIfAvailable({ fold(utf8: $0) }) { return folded }
        var copy = String(text)
        return copy.withUTF8 { fold(utf8: $0) }
    }

    static let separator: UInt8 = 0, apostrophe: UInt8 = 0xFE, nonASCII: UInt8 = 0xFF
    /// Per byte: the folded letter or digit, `separator` for other ASCII, `apostrophe` for ' and `, `nonASCII`.
    /// A letter or digit is a value `v` with `v &- 1 < 0xFD`.
    static let asciiFolding: [UInt8] = (0...255).map { value -> UInt8 in
        let byte = UInt8(value)
        switch byte {
        case 0x80...: return nonASCII
        case 0x27, 0x60: return apostrophe
        case 0x41...0x5A: return byte | 0x20
        case 0x61...0x7A, 0x30...0x39: return byte
        default: return separator
        }
    }

    /// Whether `byte` is ASCII that folds to a space (neither a letter, a digit nor an apostrophe): after it,
    /// folding is in its starting state, so a text cut just past it folds as its two parts joined.
    static func foldsToSpace(_ byte: UInt8) -> Bool { asciiFolding[Int(byte)] == separator }

    /// Bytes `fold(utf8:into:)` may write for `count` input bytes. Worst case per scalar: a 3-byte CJK character
    /// becomes space + 3 bytes + space, a 2-byte letter whose lowercase needs 3 bytes; so twice the input plus the
    /// bounding spaces always fits.
    static func foldedCapacity(_ count: Int) -> Int { count &* 2 &+ 4 }

    private static func fold(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: foldedCapacity(input.count)) { out, count in
            count = out.baseAddress.map { fold(utf8: input, into: $0) } ?? 0
        }
    }

    /// Folds `input` (valid UTF-8) into `out`, which must hold `foldedCapacity(input.count)` bytes; returns the
    /// number written.
    static func fold(utf8 input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        asciiFolding.withUnsafeBufferPointer { fold(utf8: input, into: out, table: $0) }
    }

    /// `fold(utf8:into:)` with the ASCII table in hand: its state stays in local variables, which a closure that
    /// captured them would keep in memory.
    private static func fold(utf8 input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>,
                             table: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        out[0] = 0x20; n = 1
        var lastWasSpace = true
        var pendingApostrophe = false
        var index = 0
        let end = input.count
        var classes = ScalarClassCache()
        while index < end {
            let byte = input[index]
            let mapped = table[Int(byte)]
            if mapped != Self.nonASCII {
                index &+= 1
                if mapped == Self.apostrophe {
                    if !lastWasSpace && !pendingApostrophe { out[n] = 0x27; n &+= 1; pendingApostrophe = true }
                    continue
                }
                let isWordByte = mapped != Self.separator
                if pendingApostrophe {
                    pendingApostrophe = false
                    if !isWordByte { n &-= 1 }
                }
                if isWordByte {
                    out[n] = mapped; n &+= 1
                    lastWasSpace = false
                    // Words parted by runs of spaces and punctuation, the bulk of ASCII text, go round here
                    // without the dispatch above: it is left at the end, an apostrophe or a non-ASCII byte.
                    while true {
                        // Inside a word, eight bytes at a step while they are letters, digits and single spaces
                        // (plain prose): each such block folds to itself lowercased.
                        var blockEndedWithSpace = false
                        if let base = input.baseAddress {
                            while index &+ 8 <= end {
                                let block = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                                guard let folded = foldedWordsAndSpaces(block) else { break }
                                UnsafeMutableRawPointer(out + n).storeBytes(of: folded.littleEndian, as: UInt64.self)
                                n &+= 8; index &+= 8
                                if folded >> 56 == 0x20 { blockEndedWithSpace = true; break }
                            }
                        }
                        if !blockEndedWithSpace {
                            // The rest of the word's letters and digits (table values 1...0xFD) copy straight
                            // through, each to the same distance ahead of its source.
                            let ahead = n &- index
                            while index < end {
                                let next = table[Int(input[index])]
                                guard next &- 1 < 0xFD else { break }
                                out[index &+ ahead] = next; index &+= 1
                            }
                            n = index &+ ahead
                            guard index < end, table[Int(input[index])] == Self.separator else { break }
                            // After a word (no apostrophe pending), a run of separators folds to one space.
                            out[n] = 0x20; n &+= 1
                            index &+= 1
                        }
                        lastWasSpace = true
                        while index < end, table[Int(input[index])] == Self.separator { index &+= 1 }
                        guard index < end else { break }
                        let next = table[Int(input[index])]
                        guard next &- 1 < 0xFD else { break }
                        out[n] = next; n &+= 1; index &+= 1
                        lastWasSpace = false
                    }
                } else {
                    if !lastWasSpace {
                        out[n] = 0x20; n &+= 1
                        lastWasSpace = true
                    }
                    // The rest of a run of spaces and punctuation folds to nothing more.
                    while index < end, table[Int(input[index])] == Self.separator { index &+= 1 }
                }
                continue
            }
            // Decode one scalar (Swift strings hold valid UTF-8).
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var cursor = index &+ 1
            let scalarEnd = Swift.min(index &+ length, end)
            while cursor < scalarEnd { value = value << 6 | UInt32(input[cursor] & 0x3F); cursor &+= 1 }
            index = scalarEnd
            let isApostrophe = value == 0x2019 || value == 0x2018
            let folded = LatinFolding.foldedBytes(value)
            let scalar = Unicode.Scalar(value)
            if pendingApostrophe, !isApostrophe {
                pendingApostrophe = false
                let continuesWord = folded != nil || (scalar.map { classes.isAlphabetic($0) } ?? false)
                if !continuesWord {
                    n &-= 1
                    lastWasSpace = out[n &- 1] == 0x20
                }
            }
            if isApostrophe {
                if lastWasSpace || pendingApostrophe { continue }
                out[n] = 0x27; n &+= 1; pendingApostrophe = true
                continue
            }
            if let folded {
                out[n] = UInt8(truncatingIfNeeded: folded); n &+= 1
                if folded > 0xFF { out[n] = UInt8(truncatingIfNeeded: folded >> 8); n &+= 1 }
                lastWasSpace = false
                continue
            }
            guard let scalar else { continue }
            guard classes.isLetterOrNumber(scalar) else {
                if !lastWasSpace { out[n] = 0x20; n &+= 1; lastWasSpace = true }
                continue
            }
            if Self.isCJK(value) {
                if !lastWasSpace { out[n] = 0x20; n &+= 1 }
                for source in input[(scalarEnd &- length)..<scalarEnd] { out[n] = source; n &+= 1 }
                out[n] = 0x20; n &+= 1
                lastWasSpace = true
                continue
            }
            if let lowered = classes.lowercase(scalar) {
                n &+= UTF8.encode(lowered, into: out + n)
            } else {
                n &+= writeLowercaseMapping(of: scalar, into: out + n)
            }
            lastWasSpace = false
        }
        if pendingApostrophe { n &-= 1; lastWasSpace = out[n &- 1] == 0x20 }
        if !lastWasSpace { out[n] = 0x20; n &+= 1 }
        return n
    }

    /// The fold of eight ASCII bytes (as a little-endian word) that are letters, digits and spaces, no two spaces
    /// side by side: the bytes with letters lowercased, that is with bit 0x20 set in each. Nil for any other bytes.
    /// Inside a word, such bytes fold exactly so: a lone space is a run of separators that ends the word.
    private static func foldedWordsAndSpaces(_ block: UInt64) -> UInt64? {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        guard block & high == 0 else { return nil }
        // For 7-bit bytes, adding 0x80 - c sets a byte's high bit when it is at least c, adding 0x7F - c when
        // it is above c; no sum carries into the next byte.
        let lowered = block | 0x2020_2020_2020_2020
        let letters = (lowered &+ ones &* 0x1F) & ~(lowered &+ ones &* 0x05)        // a...z after lowering
        let digits = (block &+ ones &* 0x50) & ~(block &+ ones &* 0x46)            // 0...9
        let spaces = (block &+ ones &* 0x60) & ~(block &+ ones &* 0x5F) & high      // 0x20
        guard (letters | digits | spaces) & high == high, spaces & (spaces << 8) == 0 else { return nil }
        return lowered
    }

    /// Writes the scalar's lowercase mapping of several scalars; returns the bytes written. Out of line: Unicode
    /// properties, read inline, would make every fold set up room for them, ASCII text included.
    @inline(never)
    private static func writeLowercaseMapping(of scalar: Unicode.Scalar, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        for lowered in scalar.properties.lowercaseMapping.utf8 { out[written] = lowered; written &+= 1 }
        return written
    }

    static func isCJK(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x3400...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF66...0xFF9F).contains(value)
    }

    /// Folding is a left-to-right pass whose state after a space is the starting state, so folding
    /// `a + " " + b` gives folded `a` followed by folded `b` without its leading space: texts already folded for
    /// other checks are joined instead of folded again.
    init(joining first: NormalizedText, _ second: NormalizedText) {
        var bytes = first.bytes
        bytes.append(contentsOf: second.bytes.dropFirst())
        self.bytes = bytes
        self.sourceOffsets = []
    }

    /// `NormalizedText(first + " " + second)`, each text folded where it lies, one after the other into one
    /// array: the first's fold ends with a space, which the second's leading space overwrites (see
    /// `init(joining:_:)`), so no joined string is made only to be folded.
    init(joiningFoldsOf first: String, _ second: String, counter: StepCounter?) {
        let folded = first.utf8.withContiguousStorageIfAvailable { first in
            second.utf8.withContiguousStorageIfAvailable { second in
                [UInt8](unsafeUninitializedCapacity: Self.foldedCapacity(first.count) &+ Self.foldedCapacity(second.count)) { out, count in
                    guard let base = out.baseAddress else { count = 0; return }
                    let firstCount = Self.fold(utf8: first, into: base)
                    count = firstCount &- 1 &+ Self.fold(utf8: second, into: base + (firstCount &- 1))
                }
            }
        } ?? nil
        guard let folded else {
            self.init(String(concatenating: first, " ", second), counter: counter)
            return
        }
        counter?.add(folded.count)
        self.init(folded: folded)
    }

    /// Whether the folded bytes hold `part` anywhere, inside a word or not. A phrase table whose every phrase holds
    /// it can match only text that does, and the C library's byte search reads the text many bytes at a step, where
    /// the table's scan reads every byte.
    func holds(_ part: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { text in
            let length = part.utf8CodeUnitCount, first = part.utf8Start.pointee
            guard let base = text.baseAddress, length > 0 else { return length == 0 }
            // At each occurrence of the first byte, the rest is compared.
            var from = 0
            while from + length <= text.count,
                  let hit = memchr(base + from, Int32(first), text.count - length + 1 - from) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + start, part.utf8Start, length) == 0 { return true }
                from = start + 1
            }
            return false
        }
    }

    /// The matched phrase of `range` (a match's range, bounding spaces included) as text, without those spaces.
    /// Folded text holds no whitespace but U+0020, so this equals trimming whitespace.
    func phraseText(_ range: Range<Int>) -> String {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The normalised form of a phrase as stored in a phrase table (leading and trailing space included).
    static func phrase(_ text: String) -> [UInt8] { NormalizedText(text).bytes }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Number of words (runs between spaces).
    var wordCount: Int { Self.wordCount(of: bytes) }

    static func wordCount(of folded: some Sequence<UInt8>) -> Int {
        var count = 0
        var previousSpace = true
        for byte in folded {
            if byte == 0x20 { previousSpace = true } else if previousSpace { count += 1; previousSpace = false }
        }
        return count
    }

    /// At most the number of words the fold of `text` has (however they are split): runs of ASCII letters and
    /// digits parted by other ASCII bytes but apostrophes always fold into different words. Read without folding.
    static func minimumWordCount(of text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in asciiFolding.withUnsafeBufferPointer { minimumWordCount(of: bytes, table: $0) } }
    }

    private static func minimumWordCount(of bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inRun = false, parted = true
        for byte in bytes {
            if table[Int(byte)] &- 1 < 0xFD {
                if !inRun, parted { count += 1 }
                inRun = true
                parted = false
            } else {
                inRun = false
                if byte < 0x80, byte != 0x27, byte != 0x60 { parted = true }
            }
        }
        return count
    }

    /// The words of the text, in order. Text whose every scalar is a character of its own is split by bytes;
    /// other text by characters (a space and a following combining mark are one character).
    var words: [Substring] {
        let text = string
        guard isSingleScalar else { return text.split(separator: " ") }
        return text.utf8.split(separator: 0x20).map { Substring($0) }
    }

    /// Whether every scalar of the folded text is a character of its own (see `SingleScalarText`).
    var isSingleScalar: Bool { bytes.withUnsafeBufferPointer { SingleScalarText.holds($0) } }
}

/// Whether non-ASCII scalars are alphabetic, and letters or numbers, for one folding pass: a Unicode property
/// look-up costs hundreds of instructions and text in one script repeats its letters, so answers are kept in a
/// small table indexed by the scalar's low bits (allocated at the first non-ASCII letter); so are lowercase
/// mappings of one scalar. Noncopyable, its tables held by pointer: a fold that meets no such scalar (most folds)
/// allocates nothing and, on leaving, releases nothing.
struct ScalarClassCache: ~Copyable {
    private var slots: UnsafeMutablePointer<UInt32>?
    private var loweredSlots: UnsafeMutablePointer<UInt64>?
    private static let size = 128

    init() {}

    deinit {
        slots?.deallocate()
        loweredSlots?.deallocate()
    }

    /// A table of `size` entries, each `.max` (no answer yet).
    private static func emptyTable<Entry: FixedWidthInteger>(of _: Entry.Type) -> UnsafeMutablePointer<Entry> {
        let table = UnsafeMutablePointer<Entry>.allocate(capacity: size)
        table.initialize(repeating: .max, count: size)
        return table
    }

    mutating func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool { classes(of: scalar) & 1 != 0 }

    /// `isAlphabetic || numericType != nil`.
    mutating func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool { classes(of: scalar) & 2 != 0 }

    /// The scalar's lowercase mapping when that is one scalar; nil when it is several.
    mutating func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if let slot = Self.commonSlot(of: scalar.value) {
            let lowered = Self.commonLowercase[slot]
            return lowered == Self.severalScalars ? nil : Unicode.Scalar(lowered)
        }
        // Hangul syllables are letters without case.
        if (0xAC00...0xD7A3).contains(scalar.value) { return scalar }
        let loweredSlots = self.loweredSlots ?? Self.emptyTable(of: UInt64.self)
        self.loweredSlots = loweredSlots
        let slot = Int(scalar.value) & (Self.size - 1)
        let entry = loweredSlots[slot]
        if entry != .max, entry >> 32 == UInt64(scalar.value) {
            return Unicode.Scalar(UInt32(truncatingIfNeeded: entry))
        }
        guard let lowered = Self.oneScalarLowercase(of: scalar) else { return nil }
        loweredSlots[slot] = UInt64(scalar.value) << 32 | UInt64(lowered.value)
        return lowered
    }

    /// The scalar's lowercase mapping when that is one scalar. Out of line, like every read of Unicode properties
    /// here: a function that reads them inline sets up room for their types at each call, before any fast path.
    @inline(never)
    private static func oneScalarLowercase(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        guard mapping.count == 1, let lowered = mapping.first else { return nil }
        return lowered
    }

    /// Bit 0: alphabetic; bit 1: letter or number (`isAlphabetic || numericType != nil`). Out of line, as above.
    @inline(never)
    private static func lookedUpClasses(of scalar: Unicode.Scalar) -> UInt32 {
        let properties = scalar.properties
        let isAlphabetic = properties.isAlphabetic
        return (isAlphabetic ? 1 : 0) | (isAlphabetic || properties.numericType != nil ? 2 : 0)
    }

    /// Scalars below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic and more), general punctuation, and
    /// the punctuation, kana and fullwidth letters and digits of Chinese and Japanese text (CJK symbols and
    /// punctuation, hiragana, katakana, halfwidth and fullwidth forms) are answered from tables made once per
    /// process, so a fold of such text allocates no cache and looks nothing up.
    private static let commonRanges: [Range<UInt32>] = [0..<0x800, 0x2000..<0x2070, 0x3000..<0x3100, 0xFF00..<0xFFF0]
    private static let severalScalars = UInt32.max

    /// Where the answers for `value` are kept in the common tables (`commonRanges` one after another).
    private static func commonSlot(of value: UInt32) -> Int? {
        switch value {
        case 0..<0x800: return Int(value)
        case 0x2000..<0x2070: return Int(value &- 0x2000) &+ 0x800
        case 0x3000..<0x3100: return Int(value &- 0x3000) &+ 0x870
        case 0xFF00..<0xFFF0: return Int(value &- 0xFF00) &+ 0x970
        default: return nil
        }
    }

    /// `lookedUpClasses` of each scalar of `commonRanges`.
    private static let commonClasses: [UInt8] = commonRanges.joined().map { value in
        Unicode.Scalar(value).map { UInt8(lookedUpClasses(of: $0)) } ?? 0
    }

    /// The one-scalar lowercase mapping of each scalar of `commonRanges`, or `severalScalars`.
    private static let commonLowercase: [UInt32] = commonRanges.joined().map { value in
        guard let scalar = Unicode.Scalar(value) else { return value }
        return oneScalarLowercase(of: scalar)?.value ?? severalScalars
    }

    /// Out of line: inlined into the origin-tracking fold, it made that loop too large for its appends to be inlined.
    @inline(never)
    private mutating func classes(of scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if let slot = Self.commonSlot(of: value) { return UInt32(Self.commonClasses[slot]) }
        // CJK ideographs and Hangul syllables, the bulk of Chinese, Japanese and Korean text, are letters: no look-up.
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xAC00...0xD7A3: return 3
        default: break
        }
        let slots = self.slots ?? Self.emptyTable(of: UInt32.self)
        self.slots = slots
        let slot = Int(value) & (Self.size - 1)
        let entry = slots[slot]
        if entry != .max, entry >> 2 == value { return entry & 3 }
        let classes = Self.lookedUpClasses(of: scalar)
        slots[slot] = value << 2 | classes
        return classes
    }
}

/// Folds accented Latin letters to their base letters so "reponse" and "réponse" match the same phrase.
enum LatinFolding {
    private static let table: [UInt32: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
            ("ÀÁÂÃÄÅĀĂĄ", "a"), ("ÇĆĈĊČ", "c"), ("ĎĐ", "d"), ("ÈÉÊËĒĔĖĘĚ", "e"), ("ĜĞĠĢ", "g"), ("ĤĦ", "h"),
            ("ÌÍÎÏĨĪĬĮİ", "i"), ("Ĵ", "j"), ("Ķ", "k"), ("ĹĻĽĿŁ", "l"), ("ÑŃŅŇ", "n"), ("ÒÓÔÕÖØŌŎŐ", "o"),
            ("ŔŖŘ", "r"), ("ŚŜŞŠ", "s"), ("ŢŤŦ", "t"), ("ÙÚÛÜŨŪŬŮŰŲ", "u"), ("Ŵ", "w"), ("ÝŸŶ", "y"), ("ŹŻŽ", "z"),
            ("ß", "ss"), ("æÆ", "ae"), ("œŒ", "oe"),
        ]
        var table: [UInt32: String] = [:]
        for (letters, base) in groups { for scalar in letters.unicodeScalars { table[scalar.value] = base } }
        return table
    }()

    static func fold(_ value: UInt32) -> String? {
        guard value >= 0xAA, value <= 0x17F else { return nil }
        return table[value]
    }

    /// `fold` as its one or two ASCII letters packed, the first in the low byte, from a flat table, for the hot
    /// folding loop: no slice of a table is made (and retained) per scalar.
    static func foldedBytes(_ value: UInt32) -> UInt16? {
        guard value >= 0xAA, value <= 0x17F else { return nil }
        let packed = packedFolds[Int(value) &- 0xAA]
        return packed == 0 ? nil : packed
    }

    private static let packedFolds: [UInt16] = (0xAA...0x17F).map { value in
        (table[UInt32(value)] ?? "").utf8.reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }
}

extension UTF8 {
    /// Writes the UTF-8 of `scalar` at `out`; returns the number of bytes (1 to 4).
    static func encode(_ scalar: Unicode.Scalar, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            out[0] = UInt8(value)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | value >> 6); out[1] = UInt8(0x80 | value & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | value >> 12); out[1] = UInt8(0x80 | value >> 6 & 0x3F); out[2] = UInt8(0x80 | value & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | value >> 18); out[1] = UInt8(0x80 | value >> 12 & 0x3F)
            out[2] = UInt8(0x80 | value >> 6 & 0x3F); out[3] = UInt8(0x80 | value & 0x3F)
            return 4
        }
    }
}
