import Testing
@testable import MailParsing

/// Byte strings produced with Python's codecs (`text.encode(codec)`), so each charset is checked against an
/// independent encoder rather than against iconv itself.
private let knownEncodings: [(charset: String, text: String, bytes: [UInt8])] = [
    ("UTF-8", "Grüße, 日本語 ✓", [0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65, 0x2C, 0x20, 0xE6, 0x97, 0xA5, 0xE6, 0x9C, 0xAC, 0xE8, 0xAA, 0x9E, 0x20, 0xE2, 0x9C, 0x93]),
    ("ISO-8859-1", "Grüße aus Köln", [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x61, 0x75, 0x73, 0x20, 0x4B, 0xF6, 0x6C, 0x6E]),
    ("ISO-8859-2", "Zażółć gęślą jaźń", [0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6, 0x20, 0x67, 0xEA, 0xB6, 0x6C, 0xB1, 0x20, 0x6A, 0x61, 0xBC, 0xF1]),
    ("ISO-8859-5", "Привет", [0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2]),
    ("ISO-8859-7", "Καλημέρα", [0xCA, 0xE1, 0xEB, 0xE7, 0xEC, 0xDD, 0xF1, 0xE1]),
    ("ISO-8859-9", "Teşekkürler", [0x54, 0x65, 0xFE, 0x65, 0x6B, 0x6B, 0xFC, 0x72, 0x6C, 0x65, 0x72]),
    ("ISO-8859-15", "Prix: 10 €", [0x50, 0x72, 0x69, 0x78, 0x3A, 0x20, 0x31, 0x30, 0x20, 0xA4]),
    ("windows-1250", "Příliš žluťoučký kůň", [0x50, 0xF8, 0xED, 0x6C, 0x69, 0x9A, 0x20, 0x9E, 0x6C, 0x75, 0x9D, 0x6F, 0x75, 0xE8, 0x6B, 0xFD, 0x20, 0x6B, 0xF9, 0xF2]),
    ("windows-1251", "Здравствуйте", [0xC7, 0xE4, 0xF0, 0xE0, 0xE2, 0xF1, 0xF2, 0xE2, 0xF3, 0xE9, 0xF2, 0xE5]),
    ("windows-1252", "“Smart” quotes – €5", [0x93, 0x53, 0x6D, 0x61, 0x72, 0x74, 0x94, 0x20, 0x71, 0x75, 0x6F, 0x74, 0x65, 0x73, 0x20, 0x96, 0x20, 0x80, 0x35]),
    ("windows-1253", "Ευχαριστώ", [0xC5, 0xF5, 0xF7, 0xE1, 0xF1, 0xE9, 0xF3, 0xF4, 0xFE]),
    ("windows-1254", "Teşekkürler", [0x54, 0x65, 0xFE, 0x65, 0x6B, 0x6B, 0xFC, 0x72, 0x6C, 0x65, 0x72]),
    ("windows-1255", "שלום", [0xF9, 0xEC, 0xE5, 0xED]),
    ("windows-1256", "مرحبا", [0xE3, 0xD1, 0xCD, 0xC8, 0xC7]),
    ("windows-1257", "Ačiū", [0x41, 0xE8, 0x69, 0xFB]),
    ("windows-1258", "Đơn giá", [0xD0, 0xF5, 0x6E, 0x20, 0x67, 0x69, 0xE1]),
    ("KOI8-R", "Спасибо, ёлка", [0xF3, 0xD0, 0xC1, 0xD3, 0xC9, 0xC2, 0xCF, 0x2C, 0x20, 0xA3, 0xCC, 0xCB, 0xC1]),
    ("KOI8-U", "Дякую, ґанок", [0xE4, 0xD1, 0xCB, 0xD5, 0xC0, 0x2C, 0x20, 0xAD, 0xC1, 0xCE, 0xCF, 0xCB]),
    ("ISO-2022-JP", "こんにちは、世界", [0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x24, 0x4B, 0x24, 0x41, 0x24, 0x4F, 0x21, 0x22, 0x40, 0x24, 0x33, 0x26, 0x1B, 0x28, 0x42]),
    ("Shift_JIS", "不在通知です", [0x95, 0x73, 0x8D, 0xDD, 0x92, 0xCA, 0x92, 0x6D, 0x82, 0xC5, 0x82, 0xB7]),
    ("EUC-JP", "配信不能", [0xC7, 0xDB, 0xBF, 0xAE, 0xC9, 0xD4, 0xC7, 0xBD]),
    ("GB2312", "退信通知", [0xCD, 0xCB, 0xD0, 0xC5, 0xCD, 0xA8, 0xD6, 0xAA]),
    ("GBK", "邮件无法投递", [0xD3, 0xCA, 0xBC, 0xFE, 0xCE, 0xDE, 0xB7, 0xA8, 0xCD, 0xB6, 0xB5, 0xDD]),
    ("GB18030", "你好 €", [0xC4, 0xE3, 0xBA, 0xC3, 0x20, 0xA2, 0xE3]),
    ("Big5", "郵件退回", [0xB6, 0x6C, 0xA5, 0xF3, 0xB0, 0x68, 0xA6, 0x5E]),
    ("EUC-KR", "안녕하세요", [0xBE, 0xC8, 0xB3, 0xE7, 0xC7, 0xCF, 0xBC, 0xBC, 0xBF, 0xE4]),
    ("UTF-16", "Hi ✓", [0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00, 0x20, 0x00, 0x13, 0x27]),
    ("UTF-16BE", "Hi ✓", [0x00, 0x48, 0x00, 0x69, 0x00, 0x20, 0x27, 0x13]),
    ("UTF-16LE", "Hi ✓", [0x48, 0x00, 0x69, 0x00, 0x20, 0x00, 0x13, 0x27]),
    ("UTF-32", "Hi ✓", [0xFF, 0xFE, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x13, 0x27, 0x00, 0x00]),
    ("UTF-32BE", "Hi ✓", [0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x27, 0x13]),
    ("UTF-7", "Hi ✓ £", [0x48, 0x69, 0x20, 0x2B, 0x4A, 0x78, 0x4D, 0x20, 0x2B, 0x41, 0x4B, 0x4D, 0x2D]),
    ("macintosh", "Café – ﬁ", [0x43, 0x61, 0x66, 0x8E, 0x20, 0xD0, 0x20, 0xDE]),
    ("x-mac-cyrillic", "Привет", [0x8F, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]),
]

@Test(arguments: knownEncodings.indices)
func decodesEveryListedCharset(_ index: Int) {
    let sample = knownEncodings[index]
    let decoded = CharsetDecoder.decode(sample.bytes, charset: sample.charset)
    #expect(decoded.text == sample.text, "\(sample.charset)")
    #expect(decoded.charset == sample.charset)
    #expect(!decoded.fellBack, "\(sample.charset)")
}

@Test func pureASCIIIsReturnedAsIsUnderAnyASCIICompatibleLabel() {
    let bytes = Array("Delivery Status Notification (Failure)".utf8)
    for label in ["us-ascii", "utf-8", "iso-8859-1", "windows-1251", "shift_jis", "gb2312", "koi8-r"] {
        let decoded = CharsetDecoder.decode(bytes, charset: label)
        #expect(decoded.text == "Delivery Status Notification (Failure)")
        #expect(!decoded.fellBack)
    }
}

@Test func aliasesResolveToCanonicalNames() {
    let expected: [(String, String)] = [
        ("utf8", "UTF-8"), ("UTF-8", "UTF-8"), ("\"utf-8\"", "UTF-8"), (" 'UTF-8' ", "UTF-8"), ("utf-8*en", "UTF-8"),
        ("x-sjis", "Shift_JIS"), ("SJIS", "Shift_JIS"), ("cp932", "Shift_JIS"), ("Windows-31J", "Shift_JIS"),
        ("cp1252", "windows-1252"), ("x-cp1250", "windows-1250"), ("WIN-1251", "windows-1251"),
        ("latin1", "ISO-8859-1"), ("ISO_8859-1:1987", "ISO-8859-1"), ("iso8859-15", "ISO-8859-15"),
        ("latin-9", "ISO-8859-15"), ("ISO-8859-8-I", "ISO-8859-8"),
        ("ks_c_5601-1987", "EUC-KR"), ("cp949", "EUC-KR"), ("x-euc-jp", "EUC-JP"), ("csISO2022JP", "ISO-2022-JP"),
        ("x-mac-roman", "macintosh"), ("x-mac-cyrillic", "x-mac-cyrillic"), ("x-mac-ce", "x-mac-ce"),
        ("ANSI_X3.4-1968", "US-ASCII"), ("ascii", "US-ASCII"), ("koi8r", "KOI8-R"), ("x-gbk", "GBK"),
        ("big5-hkscs", "Big5-HKSCS"), ("unicode-1-1-utf-7", "UTF-7"), ("tis-620", "windows-874"),
        ("iso-8859-2", "ISO-8859-2"), ("ISO-8859-6-E", "ISO-8859-6"), ("iso_8859-009", "ISO-8859-9"),
        ("Windows-1258", "windows-1258"), ("cp-1250", "windows-1250"), ("win1252", "windows-1252"),
    ]
    for (label, canonical) in expected {
        #expect(CharsetDecoder.canonicalName(label) == canonical, "\(label)")
    }
    #expect(CharsetDecoder.canonicalName("x-unknown-charset") == nil)
    #expect(CharsetDecoder.canonicalName("iso-8859-99") == nil)
    for unknown in ["iso-8859-ie", "iso-8859-1x", "iso-8859-99999999999999999999", "windows-1259",
                    "windows-", "cp", "windows-125a", "xcp-99999999999999999999"] {
        #expect(CharsetDecoder.canonicalName(unknown) == nil, "\(unknown)")
    }
}

@Test func aliasedLabelsDecodeLikeTheirCanonicalCharset() {
    let shiftJIS: [UInt8] = [0x95, 0x73, 0x8D, 0xDD, 0x92, 0xCA, 0x92, 0x6D, 0x82, 0xC5, 0x82, 0xB7]
    let decoded = CharsetDecoder.decode(shiftJIS, charset: "x-sjis")
    #expect(decoded == DecodedText(text: "不在通知です", charset: "Shift_JIS", fellBack: false))
    let korean: [UInt8] = [0xC7, 0xD1, 0xB1, 0xB9]
    #expect(CharsetDecoder.decode(korean, charset: "ks_c_5601-1987").text == "한국")
    let latin = CharsetDecoder.decode([0x4B, 0xF6, 0x6C, 0x6E], charset: "\"Latin1\"")
    #expect(latin == DecodedText(text: "Köln", charset: "ISO-8859-1", fellBack: false))
}

@Test func narrowLegacyLabelsDecodeWithTheSupersetSendersUse() {
    // 镕 is in GBK but not GB2312; 똠 is in CP949 but not EUC-KR; ① is a CP932 (NEC) extension to Shift_JIS.
    #expect(CharsetDecoder.decode([0xE9, 0x46], charset: "gb2312").text == "镕")
    #expect(CharsetDecoder.decode([0x8C, 0x63, 0xB9, 0xE6], charset: "euc-kr").text == "똠방")
    #expect(CharsetDecoder.decode([0x87, 0x40], charset: "shift_jis").text == "①")
    // ISO-8859-1 bytes 0x80–0x9F are read as Windows-1252 punctuation, not C1 controls.
    let quoted = CharsetDecoder.decode([0x93, 0x48, 0x69, 0x94], charset: "iso-8859-1")
    #expect(quoted == DecodedText(text: "“Hi”", charset: "windows-1252", fellBack: false))
}

@Test func shiftJISKeepsBackslashAndTilde() {
    let bytes: [UInt8] = [0x43, 0x3A, 0x5C, 0x74, 0x65, 0x6D, 0x70, 0x20, 0x7E, 0x20, 0x97, 0x6C]
    #expect(CharsetDecoder.decode(bytes, charset: "Shift_JIS").text == "C:\\temp ~ 様")
}

@Test func utf16WithoutByteOrderMarkGuessesEndianness() {
    let little: [UInt8] = [0x48, 0x00, 0x65, 0x00, 0x6C, 0x00, 0x6C, 0x00, 0x6F, 0x00]
    let big: [UInt8] = [0x00, 0x48, 0x00, 0x65, 0x00, 0x6C, 0x00, 0x6C, 0x00, 0x6F]
    #expect(CharsetDecoder.decode(little, charset: "utf-16").text == "Hello")
    #expect(CharsetDecoder.decode(big, charset: "utf-16").text == "Hello")
    #expect(CharsetDecoder.decode([0xFE, 0xFF] + big, charset: "UTF-16").text == "Hello")
}

@Test func byteOrderMarkIsRemovedFromUTF8() {
    let decoded = CharsetDecoder.decode([0xEF, 0xBB, 0xBF, 0x48, 0x69], charset: "utf-8")
    #expect(decoded.text == "Hi")
}

@Test func utf8LabelledAsLatin1IsReadAsUTF8() {
    let bytes: [UInt8] = [0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65]
    for label in ["iso-8859-1", "windows-1252", "us-ascii", "iso-8859-2"] {
        let decoded = CharsetDecoder.decode(bytes, charset: label)
        #expect(decoded == DecodedText(text: "Grüße", charset: "UTF-8", fellBack: true), "\(label)")
    }
}

@Test func lyingCharsetFallsBackToWindows1252() {
    // Latin-1 bytes labelled UTF-8: invalid UTF-8, so Windows-1252.
    let latin: [UInt8] = [0x47, 0x72, 0xFC, 0xDF, 0x65]
    #expect(CharsetDecoder.decode(latin, charset: "utf-8") ==
        DecodedText(text: "Grüße", charset: "windows-1252", fellBack: true))
    // Windows-1252 bytes labelled Shift_JIS: 0x93 0x48 decodes, but 0x94 at the end is an incomplete lead byte
    // and 0xFC 0xDF is no Shift_JIS character.
    let smart: [UInt8] = [0x93, 0x48, 0x69, 0x94, 0x20, 0xFC, 0xDF]
    #expect(CharsetDecoder.decode(smart, charset: "shift_jis") ==
        DecodedText(text: "“Hi” üß", charset: "windows-1252", fellBack: true))
    // 8-bit bytes under US-ASCII.
    #expect(CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9], charset: "us-ascii") ==
        DecodedText(text: "café", charset: "windows-1252", fellBack: true))
}

@Test func unknownCharsetFallsBack() {
    let utf8 = Array("naïve ✓".utf8)
    #expect(CharsetDecoder.decode(utf8, charset: "x-made-up") ==
        DecodedText(text: "naïve ✓", charset: "UTF-8", fellBack: true))
    #expect(CharsetDecoder.decode([0x6E, 0x61, 0xEF, 0x76, 0x65], charset: "x-made-up") ==
        DecodedText(text: "naïve", charset: "windows-1252", fellBack: true))
    // Option suffixes and odd characters in the label never reach iconv.
    #expect(CharsetDecoder.decode([0xE9], charset: "UTF-8//TRANSLIT").fellBack)
    #expect(CharsetDecoder.decode([0xE9], charset: String(repeating: "A", count: 5000)).fellBack)
}

@Test func charsetsIconvKnowsByTheirOwnNameStillDecode() {
    // "CP850" is in no alias table here, but iconv knows it: é is 0x82 in code page 850.
    let decoded = CharsetDecoder.decode([0x63, 0x61, 0x66, 0x82], charset: "cp850")
    #expect(decoded == DecodedText(text: "café", charset: "CP850", fellBack: false))
}

@Test func codePointsPastUnicodeThatIconvPassesOnBecomeReplacementCharacters() {
    // glibc's UCS-4 (here under its alias CSUCS4, which the alias table does not list) passes on code points past
    // U+10FFFF, written as byte sequences that are not UTF-8 (0x200000 as F8 88 80 80 80, 0x110000 as F4 90 80 80).
    // The text must not hold them: each of those bytes reads as U+FFFD, as String(decoding:) would repair them.
    let replaced = { (count: Int) in "A" + String(repeating: "\u{FFFD}", count: count) + "B" }
    let past = CharsetDecoder.decode([0, 0, 0, 0x41, 0, 0x20, 0, 0, 0, 0, 0, 0x42], charset: "CSUCS4")
    #expect(past.text == replaced(5))
    #expect(past.text.utf8.count == 2 + 5 * 3)
    let justPast = CharsetDecoder.decode([0, 0, 0, 0x41, 0, 0x11, 0, 0, 0, 0, 0, 0x42], charset: "CSUCS4")
    #expect(justPast.text == replaced(4))
    // The last code point, and text around it, decode as they are.
    let last = CharsetDecoder.decode([0, 0, 0, 0x41, 0, 0x10, 0xFF, 0xFD, 0, 0, 0xE9, 0x42], charset: "CSUCS4")
    #expect(last.text == "A\u{10FFFD}\u{E942}")
}

@Test func charsetsWritingManyCharactersPerByteDecodeWhole() {
    // TSCII writes byte 0x82 as four Tamil characters (ஸ்ரீ), twelve UTF-8 bytes: more than the three per byte most
    // charsets need at most, which the decoder first makes room for. The output then fits the chunk the decoder
    // starts again with, from the first byte.
    let shri = "\u{0BB8}\u{0BCD}\u{0BB0}\u{0BC0}"
    for count in [1, 2, 20] {
        let decoded = CharsetDecoder.decode([0x61] + Array(repeating: 0x82, count: count) + [0x62], charset: "TSCII")
        #expect(decoded.text == "a" + String(repeating: shri, count: count) + "b")
        #expect(!decoded.fellBack)
    }
}

@Test func missingCharsetMeansUTF8ElseFallback() {
    #expect(CharsetDecoder.decode(Array("plain".utf8), charset: nil) ==
        DecodedText(text: "plain", charset: "US-ASCII", fellBack: false))
    #expect(CharsetDecoder.decode(Array("日本".utf8), charset: nil) ==
        DecodedText(text: "日本", charset: "UTF-8", fellBack: false))
    #expect(CharsetDecoder.decode([0xE9, 0x74, 0xE9], charset: "") ==
        DecodedText(text: "été", charset: "windows-1252", fellBack: true))
}

@Test func inputCutInsideACharacterEndsWithReplacement() {
    // "日本" in UTF-8 with its last byte cut off, and in Shift_JIS with its last trail byte cut off.
    #expect(CharsetDecoder.decode([0xE6, 0x97, 0xA5, 0xE6, 0x9C], charset: "utf-8") ==
        DecodedText(text: "日\u{FFFD}", charset: "UTF-8", fellBack: false))
    #expect(CharsetDecoder.decode([0x93, 0xFA, 0x96], charset: "shift_jis").text == "日\u{FFFD}")
}

@Test func emptyInputDecodesToEmptyText() {
    for label in ["utf-8", "utf-16", "iso-2022-jp", "x-unknown", "gb2312"] {
        #expect(CharsetDecoder.decode([], charset: label).text == "")
    }
}

@Test func everyByteDecodesUnderTheFallback() {
    let allBytes = (0...255).map { UInt8($0) }
    let decoded = CharsetDecoder.decode(allBytes, charset: "utf-8")
    #expect(decoded.fellBack)
    let scalars = decoded.text.unicodeScalars.map(\.value)
    #expect(scalars.count == 256)
    // ASCII and 0xA0–0xFF keep their code points; 0x80–0x9F are Windows-1252 punctuation, its five holes C1 controls.
    #expect(scalars[0..<0x80].elementsEqual(0..<0x80))
    #expect(scalars[0xA0...].elementsEqual(0xA0...0xFF))
    #expect(Array(scalars[0x80...0x84]) == [0x20AC, 0x81, 0x201A, 0x192, 0x201E])
    #expect(Array(scalars[0x9C...0x9F]) == [0x153, 0x9D, 0x17E, 0x178])
}

@Test func latin1EndingInAnAccentedLetterIsNotMistakenForCutUTF8() {
    // 0xE9 ("é") is also a UTF-8 and Shift_JIS lead byte; with nothing non-ASCII before it, it is Latin-1.
    #expect(CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9], charset: "utf-8") ==
        DecodedText(text: "café", charset: "windows-1252", fellBack: true))
    #expect(CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9], charset: "shift_jis") ==
        DecodedText(text: "café", charset: "windows-1252", fellBack: true))
}

@Test func iso2022JPWithMicrosoftExtensionsDecodes() {
    // "①㈱ｶﾅ" as Outlook writes it (CP50221): NEC row 13 in JIS X 0208 mode, then half-width katakana via ESC ( I.
    let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x2D, 0x21, 0x2D, 0x6A, 0x1B, 0x28, 0x49, 0x36, 0x45, 0x1B, 0x28, 0x42]
    #expect(CharsetDecoder.decode(bytes, charset: "iso-2022-jp") ==
        DecodedText(text: "①㈱ｶﾅ", charset: "ISO-2022-JP", fellBack: false))
    // Not ISO-2022-JP at all: 8-bit bytes still fall back.
    #expect(CharsetDecoder.decode([0x1B, 0x24, 0x42, 0xE9], charset: "iso-2022-jp").fellBack)
}

/// iconv descriptors carry state; decoding from many tasks at once must give every task its own.
@Test func concurrentDecodingGivesEachCallerItsOwnConversion() async {
    let samples = knownEncodings.filter { ["ISO-2022-JP", "Shift_JIS", "EUC-KR", "Big5", "UTF-16"].contains($0.charset) }
    let mismatches = await withTaskGroup(of: Int.self) { group in
        for round in 0..<8 {
            group.addTask {
                var wrong = 0
                for offset in 0..<100 {
                    let sample = samples[(round + offset) % samples.count]
                    if CharsetDecoder.decode(sample.bytes, charset: sample.charset).text != sample.text { wrong += 1 }
                }
                return wrong
            }
        }
        return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
}

/// Descriptors are reused from call to call; a text that stopped in a shifted state or on an invalid sequence must
/// leave the next text to be read from the initial state, as a fresh conversion would.
@Test func decodingAfterAShiftedOrInvalidTextStartsFromTheInitialState() {
    let shiftedAtEnd: [UInt8] = [0x1B, 0x24, 0x42, 0x24, 0x33]  // "こ" in JIS X 0208 mode, no return to ASCII
    let invalidInShift: [UInt8] = [0x1B, 0x24, 0x42, 0x24, 0x33, 0x1B, 0x24, 0x28, 0x7F, 0x7F]
    for earlier in [shiftedAtEnd, invalidInShift] {
        for _ in 0..<3 { _ = CharsetDecoder.decode(earlier, charset: "iso-2022-jp") }
        // "AB" then "こ": in the initial (ASCII) state the first two bytes are letters, not half a kanji.
        #expect(CharsetDecoder.decode([0x41, 0x42, 0x1B, 0x24, 0x42, 0x24, 0x33, 0x1B, 0x28, 0x42], charset: "iso-2022-jp")
            == DecodedText(text: "ABこ", charset: "ISO-2022-JP", fellBack: false))
    }
    #expect(CharsetDecoder.decode(shiftedAtEnd, charset: "iso-2022-jp").text == "こ")
}
