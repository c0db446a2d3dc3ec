/// Text folded for phrase matching: lowercase, common Latin diacritics removed, apostrophes unified, and every run
/// of other punctuation or whitespace turned into one space, with a space at each end. Phrases normalised the same
/// way then match on word boundaries only ("stop" never matches inside "nonstop").
struct NormalizedText {
    /// UTF-8 bytes of the folded text.
    let bytes: [UInt8]
    /// For each byte of `bytes`, the index of the Unicode scalar of the source it came from.
    let sourceScalarIndex: [Int32]

    /// `trackingOrigins` fills `sourceScalarIndex`; without it that array stays empty and pure-ASCII text takes a
    /// byte-only fast path.
    init(_ text: some StringProtocol, counter: StepCounter? = nil, trackingOrigins: Bool = false) {
        if !trackingOrigins, let ascii = Self.foldASCII(text) {
            counter?.add(ascii.count)
            self.bytes = ascii
            self.sourceScalarIndex = []
            return
        }
        var bytes: [UInt8] = [0x20]
        var origins: [Int32] = [0]
        bytes.reserveCapacity(text.utf8.count + 2)
        origins.reserveCapacity(text.utf8.count + 2)
        var scalarIndex: Int32 = 0
        var lastWasSpace = true
        // An apostrophe is part of a word only between letters ("don't", "l'entreprise"); elsewhere it is a quote.
        var pendingApostrophe = false
        for scalar in text.unicodeScalars {
            defer { scalarIndex &+= 1 }
            let value = scalar.value
            let isApostrophe = value == 0x27 || value == 0x60 || value == 0x2019 || value == 0x2018
            if pendingApostrophe, !isApostrophe {
                pendingApostrophe = false
                let continuesWord = value < 0x80
                    ? (scalar.properties.isAlphabetic || (value >= 0x30 && value <= 0x39))
                    : scalar.properties.isAlphabetic
                if !continuesWord {
                    bytes.removeLast(); origins.removeLast()
                    lastWasSpace = bytes.last == 0x20
                }
            }
            if isApostrophe {
                if lastWasSpace || pendingApostrophe { continue }
                bytes.append(UInt8(ascii: "'")); origins.append(scalarIndex); pendingApostrophe = true
                continue
            }
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    bytes.append(byte | 0x20); origins.append(scalarIndex); lastWasSpace = false
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    bytes.append(byte); origins.append(scalarIndex); lastWasSpace = false
                default:
                    if !lastWasSpace { bytes.append(0x20); origins.append(scalarIndex); lastWasSpace = true }
                }
                continue
            }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else {
                if !lastWasSpace { bytes.append(0x20); origins.append(scalarIndex); lastWasSpace = true }
                continue
            }
            if Self.isCJK(value) {
                // Chinese and Japanese write words without spaces: each character is its own word, so phrases
                // match inside runs of text.
                if !lastWasSpace { bytes.append(0x20); origins.append(scalarIndex) }
                for byte in String(scalar).utf8 { bytes.append(byte); origins.append(scalarIndex) }
                bytes.append(0x20); origins.append(scalarIndex)
                lastWasSpace = true
                continue
            }
            if let folded = LatinFolding.fold(value) {
                for byte in folded.utf8 { bytes.append(byte); origins.append(scalarIndex) }
            } else {
                for byte in properties.lowercaseMapping.utf8 { bytes.append(byte); origins.append(scalarIndex) }
            }
            lastWasSpace = false
        }
        if pendingApostrophe { bytes.removeLast(); origins.removeLast(); lastWasSpace = bytes.last == 0x20 }
        if !lastWasSpace { bytes.append(0x20); origins.append(scalarIndex) }
        counter?.add(bytes.count)
        self.bytes = bytes
        self.sourceScalarIndex = origins
    }

    /// The folded bytes when `text` is pure ASCII, else nil.
    private static func foldASCII(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = text.utf8
        var bytes: [UInt8] = [0x20]
        bytes.reserveCapacity(utf8.count + 2)
        var lastWasSpace = true
        var pendingApostrophe = false
        for byte in utf8 {
            guard byte < 0x80 else { return nil }
            let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            if byte == 0x27 || byte == 0x60 {
                if !lastWasSpace && !pendingApostrophe { bytes.append(0x27); pendingApostrophe = true }
                continue
            }
            if pendingApostrophe {
                pendingApostrophe = false
                if !isWordByte { bytes.removeLast() }
            }
            if isWordByte {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                lastWasSpace = false
            } else if !lastWasSpace {
                bytes.append(0x20)
                lastWasSpace = true
            }
        }
        if pendingApostrophe { bytes.removeLast(); lastWasSpace = bytes.last == 0x20 }
        if !lastWasSpace { bytes.append(0x20) }
        return bytes
    }

    static func isCJK(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x3400...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF66...0xFF9F).contains(value)
    }

    /// The normalised form of a phrase as stored in a phrase table (leading and trailing space included).
    static func phrase(_ text: String) -> [UInt8] { NormalizedText(text).bytes }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Number of words (runs between spaces).
    var wordCount: Int {
        var count = 0
        var previousSpace = true
        for byte in bytes {
            if byte == 0x20 { previousSpace = true } else if previousSpace { count += 1; previousSpace = false }
        }
        return count
    }

    /// The words of the text, in order.
    var words: [Substring] { string.split(separator: " ") }
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
}
