/// A charset label as mail writes it (`"utf8"`, `"x-sjis"`, `"ks_c_5601-1987"`, `"UTF-8*en"`, `"\"latin1\""`),
/// resolved to the charset family that decodes it.
///
/// Legacy labels are decoded with the superset that real senders actually use (GB2312 → GB18030, EUC-KR → CP949,
/// Shift_JIS → CP932, ISO-8859-1 → Windows-1252 for bytes 0x80–0x9F): mail labelled with the narrow name routinely
/// carries characters only the superset defines.
struct CharsetName: Sendable, Equatable {
    enum Family: Sendable, Equatable {
        case utf8
        case usASCII
        /// ISO-8859-1 and Windows-1252, decoded in Swift with one table (1252 is a superset of the printable 8859-1).
        case windows1252
        case utf16(Endianness?)
        case utf32(Endianness?)
        /// A one-byte-per-character charset decoded by iconv (ISO-8859-x, Windows-125x, KOI8, Mac…).
        case singleByte(iconv: String)
        /// A multi-byte or stateful charset decoded by iconv; candidates are tried in order, the first one that
        /// decodes every byte wins.
        case multiByte(iconv: [String])
    }

    enum Endianness: Sendable, Equatable { case big, little }

    /// The name reported to users (IANA preferred spelling).
    let canonical: String
    let family: Family

    /// Whether every byte below 0x80 means its ASCII character, so pure-ASCII input needs no conversion.
    var isASCIICompatible: Bool {
        switch family {
        case .utf16, .utf32: return false
        case .multiByte(let names): return !names.contains { $0.hasPrefix("ISO-2022") || $0 == "UTF-7" }
        default: return true
        }
    }

    /// Resolves a label; nil when the label names no charset we know (the caller then asks iconv for the raw label).
    static func resolve(_ label: String) -> CharsetName? {
        if let common = commonLabel(label) { return common }
        let key = compactKey(label)
        if key.isEmpty { return nil }
        if let known = aliases[key] { return known }
        return isoOrWindowsFamily(key)
    }

    // Nearly every part declares one of these, spelled this way; their resolution is looked up once.
    private static let utf8Label = aliases["utf8"]
    private static let usASCIILabel = aliases["usascii"]
    private static let latin1Label = aliases["iso88591"]

    /// The resolution of the commonest labels, spelled exactly so (any case), without building a key; nil otherwise.
    static func commonLabel(_ label: String) -> CharsetName? {
        switch label.utf8.count {
        case 5 where label.equalsIgnoringASCIICase("utf-8"): return utf8Label
        case 8 where label.equalsIgnoringASCIICase("us-ascii"): return usASCIILabel
        case 10 where label.equalsIgnoringASCIICase("iso-8859-1"): return latin1Label
        default: return nil
        }
    }

    /// The label trimmed of quotes, whitespace, an RFC 2231 / RFC 2047 language suffix (`*en`), an ISO year suffix
    /// (`:1987`) and punctuation, lowercased: `"ISO_8859-1:1987"` → `"iso88591"`, `"UTF-8*en"` → `"utf8"`.
    static func compactKey(_ label: String) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(16)
        for byte in label.utf8 {
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: ":"): return String(decoding: key, as: UTF8.self)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"): key.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): key.append(byte | 0x20)
            default: continue
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// A label safe to hand to `iconv_open` for charsets outside the alias table: printable ASCII name characters
    /// only, so no `//TRANSLIT`-style options or other surprises reach iconv from attacker-controlled mail.
    static func iconvLabel(_ label: String) -> String? {
        var trimmed = Substring(label)
        while let first = trimmed.first, first == "\"" || first == "'" || first == " " || first == "\t" {
            trimmed = trimmed.dropFirst()
        }
        while let last = trimmed.last, last == "\"" || last == "'" || last == " " || last == "\t" {
            trimmed = trimmed.dropLast()
        }
        if let star = trimmed.firstIndex(of: "*") { trimmed = trimmed[..<star] }
        guard !trimmed.isEmpty, trimmed.utf8.count <= 40 else { return nil }
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                continue
            default:
                return nil
            }
        }
        return trimmed.uppercased()
    }

    // MARK: - Alias table

    private static func isoOrWindowsFamily(_ key: String) -> CharsetName? {
        // iso8859N, iso8859N (with "i"/"e" bidi suffix), windows125N, cp125N, xcp125N. Read on the key's bytes:
        // Substring prefixes and `Int(_:)` cost a few thousand instructions for each part that declares such a label.
        var key = key
        return key.withUTF8 { bytes -> CharsetName? in
            if let rest = dropping("iso8859", from: bytes) {
                var digits = rest
                if let last = digits.last, last == UInt8(ascii: "i") || last == UInt8(ascii: "e") {
                    digits = UnsafeBufferPointer(rebasing: digits.dropLast())
                }
                return decimal(digits).flatMap(isoPart)
            }
            let prefixes: [StaticString] = ["windows", "xcp", "cp", "win"]
            for prefix in prefixes {
                guard let rest = dropping(prefix, from: bytes) else { continue }
                guard let number = decimal(rest), (1250...1258).contains(number) else { return nil }
                return windowsCodePage(number)
            }
            return nil
        }
    }

    /// `bytes` after `prefix`, or nil when they do not start with it.
    private static func dropping(_ prefix: StaticString, from bytes: UnsafeBufferPointer<UInt8>)
        -> UnsafeBufferPointer<UInt8>? {
        let length = prefix.utf8CodeUnitCount
        guard bytes.count >= length else { return nil }
        for offset in 0..<length where bytes[offset] != prefix.utf8Start[offset] { return nil }
        return UnsafeBufferPointer(rebasing: bytes[length...])
    }

    /// The decimal number the bytes spell (digits only, at least one), as `Int(_:)` reads it; nil on overflow.
    private static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowed, !carried else { return nil }
            value = sum
        }
        return value
    }

    private static func isoPart(_ part: Int) -> CharsetName? {
        switch part {
        case 1: return CharsetName(canonical: "ISO-8859-1", family: .windows1252)
        // WHATWG (and every mail reader) decode these labels with the Windows superset.
        case 9: return CharsetName(canonical: "ISO-8859-9", family: .singleByte(iconv: "WINDOWS-1254"))
        case 11: return CharsetName(canonical: "ISO-8859-11", family: .singleByte(iconv: "CP874"))
        case 2...8, 10, 13...16: return CharsetName(canonical: "ISO-8859-\(part)", family: .singleByte(iconv: "ISO-8859-\(part)"))
        default: return nil
        }
    }

    private static func windowsCodePage(_ number: Int) -> CharsetName {
        if number == 1252 { return CharsetName(canonical: "windows-1252", family: .windows1252) }
        return CharsetName(canonical: "windows-\(number)", family: .singleByte(iconv: "WINDOWS-\(number)"))
    }

    private static let aliases: [String: CharsetName] = {
        var table: [String: CharsetName] = [:]
        func add(_ canonical: String, _ family: Family, _ keys: [String]) {
            for key in keys { table[key] = CharsetName(canonical: canonical, family: family) }
        }
        add("UTF-8", .utf8, ["utf8", "unicode11utf8", "unicode20utf8", "xunicode20utf8", "utf"])
        add("US-ASCII", .usASCII, ["usascii", "ascii", "ansix341968", "iso646us", "us", "cp367", "ibm367",
                                   "csascii", "iso646irv", "646", "isoir6", "7bit"])
        add("ISO-8859-1", .windows1252, ["latin1", "l1", "cp819", "ibm819", "csisolatin1", "isoir100", "iso88591",
                                         "8859", "88591", "iso8859"])
        add("windows-1252", .windows1252, ["ansi1252", "ms1252", "xansi"])
        let latinParts = [2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16]
        for (latin, part) in latinParts {
            if let iso = isoPart(part) { add(iso.canonical, iso.family, ["latin\(latin)", "l\(latin)"]) }
        }
        for (name, part) in [("cyrillic", 5), ("arabic", 6), ("greek", 7), ("greek8", 7), ("ecma118", 7),
                             ("elot928", 7), ("hebrew", 8), ("visual", 8), ("asmo708", 6), ("ecma114", 6),
                             ("csisolatincyrillic", 5), ("csisolatingreek", 7), ("csisolatinhebrew", 8),
                             ("csisolatinarabic", 6), ("csisolatin2", 2), ("csisolatin5", 9), ("csisolatin9", 15)] {
            if let iso = isoPart(part) { add(iso.canonical, iso.family, [name]) }
        }
        add("KOI8-R", .singleByte(iconv: "KOI8-R"), ["koi8r", "koi8", "cskoi8r", "koi"])
        add("KOI8-U", .singleByte(iconv: "KOI8-U"), ["koi8u", "koi8ru"])
        add("IBM866", .singleByte(iconv: "CP866"), ["ibm866", "cp866", "866", "csibm866"])
        add("windows-874", .singleByte(iconv: "CP874"), ["tis620", "windows874", "cp874", "dos874", "xcp874"])
        add("macintosh", .singleByte(iconv: "MACINTOSH"), ["macintosh", "mac", "macroman", "xmacroman",
                                                           "csmacintosh", "xmac"])
        add("x-mac-cyrillic", .singleByte(iconv: "MAC-CYRILLIC"), ["xmaccyrillic", "maccyrillic"])
        add("x-mac-ukrainian", .singleByte(iconv: "MACUKRAINIAN"), ["xmacukrainian", "macukrainian"])
        add("x-mac-ce", .singleByte(iconv: "MAC-CENTRALEUROPE"), ["xmacce", "xmaccentraleurope",
                                                                  "maccentraleurope", "macce"])
        add("x-mac-icelandic", .singleByte(iconv: "MAC-IS"), ["xmacicelandic", "macicelandic", "macis"])
        add("ISO-2022-JP", .multiByte(iconv: ["ISO-2022-JP", "ISO-2022-JP-2", "ISO-2022-JP-3"]),
            ["iso2022jp", "csiso2022jp", "jis", "xjis"])
        add("ISO-2022-JP-2", .multiByte(iconv: ["ISO-2022-JP-2", "ISO-2022-JP-3"]), ["iso2022jp2", "csiso2022jp2"])
        add("ISO-2022-KR", .multiByte(iconv: ["ISO-2022-KR"]), ["iso2022kr", "csiso2022kr"])
        // CP932 maps 0x5C and 0x7E to ASCII; glibc's SHIFT_JIS turns them into ¥ and ‾, which breaks text.
        add("Shift_JIS", .multiByte(iconv: ["CP932", "SHIFT_JIS", "SHIFT_JISX0213"]),
            ["shiftjis", "sjis", "xsjis", "mskanji", "csshiftjis", "windows31j", "cswindows31j", "cp932",
             "xmscp932", "ms932", "shiftjis2004"])
        add("EUC-JP", .multiByte(iconv: ["EUC-JP", "EUC-JP-MS", "EUC-JISX0213"]),
            ["eucjp", "xeucjp", "cseucpkdfmtjapanese", "ujis", "xeuc", "eucjpms"])
        let gb18030: Family = .multiByte(iconv: ["GB18030"])
        add("GB2312", gb18030, ["gb2312", "csgb2312", "euccn", "xeuccn", "gb231280", "chinese", "isoir58",
                                "cp20936"])
        add("GBK", gb18030, ["gbk", "cp936", "ms936", "windows936", "xgbk"])
        add("GB18030", gb18030, ["gb18030"])
        add("Big5", .multiByte(iconv: ["BIG5", "CP950", "BIG5-HKSCS"]),
            ["big5", "csbig5", "cnbig5", "xxbig5", "cp950", "big5tw", "ms950"])
        add("Big5-HKSCS", .multiByte(iconv: ["BIG5-HKSCS", "CP950"]), ["big5hkscs"])
        add("EUC-KR", .multiByte(iconv: ["CP949", "EUC-KR"]),
            ["euckr", "cseuckr", "ksc56011987", "ksc5601", "ksc56011989", "ksc5601", "cp949", "uhc",
             "windows949", "ms949", "korean", "isoir149", "csksc56011987", "ksx1001", "xwindows949"])
        add("UTF-16", .utf16(nil), ["utf16", "ucs2", "unicode", "csunicode", "iso10646ucs2"])
        add("UTF-16BE", .utf16(.big), ["utf16be", "unicodefffe", "ucs2be"])
        add("UTF-16LE", .utf16(.little), ["utf16le", "ucs2le"])
        add("UTF-32", .utf32(nil), ["utf32", "ucs4", "iso10646ucs4"])
        add("UTF-32BE", .utf32(.big), ["utf32be", "ucs4be"])
        add("UTF-32LE", .utf32(.little), ["utf32le", "ucs4le"])
        add("UTF-7", .multiByte(iconv: ["UTF-7"]), ["utf7", "unicode11utf7", "csunicode11utf7", "xunicode20utf7"])
        return table
    }()
}
