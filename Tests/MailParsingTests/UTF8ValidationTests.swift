import Testing
@testable import MailParsing

/// `UTF8Validation` decides which bytes become text unchecked: it must accept exactly what the standard library's
/// validation accepts, so it is compared with it on every one- and two-byte sequence, every lead and second byte
/// followed by each byte value where the ranges of table 3-7 change, and behind runs of ASCII (where it skips eight
/// bytes at a time).
@Test func validationAgreesWithTheStandardLibraryOnEveryShortSequence() {
    func agrees(_ bytes: [UInt8]) -> Bool {
        let expected = String(validating: bytes, as: UTF8.self)
        let found = bytes.withUnsafeBufferPointer(UTF8Validation.text)
        return found == expected && found?.utf8.elementsEqual(bytes) ?? true
    }
    let boundaries: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xF4,
                               0xF5, 0xFF]
    var disagreements: [[UInt8]] = []
    for first in 0...255 {
        if !agrees([UInt8(first)]) { disagreements.append([UInt8(first)]) }
        for second in 0...255 {
            let pair = [UInt8(first), UInt8(second)]
            if !agrees(pair) { disagreements.append(pair) }
            guard first >= 0xC0 else { continue }
            for third in boundaries where !agrees(pair + [third]) { disagreements.append(pair + [third]) }
            guard first >= 0xF0 else { continue }
            for third in boundaries {
                for last: UInt8 in [0x7F, 0x80, 0xBF, 0xC0] where !agrees(pair + [third, last]) {
                    disagreements.append(pair + [third, last])
                }
            }
        }
    }
    #expect(disagreements.isEmpty, "first disagreements: \(disagreements.prefix(5))")
}

@Test func validationFindsABadByteAfterAnyRunOfASCII() {
    // Runs of 0 to 20 ASCII bytes before and after one character or one bad byte: the eight-byte steps must neither
    // skip a bad byte nor step past the end.
    let pieces: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x9C, 0x93], [0xF0, 0x9F, 0x98, 0x80], [0xE9], [0xC3], [0xED, 0xA0, 0x80],
                             [0xF4, 0x90, 0x80, 0x80], [0x80]]
    for before in 0...20 {
        for after in 0...20 {
            for piece in pieces {
                let bytes = Array(repeating: UInt8(ascii: "a"), count: before) + piece
                    + Array(repeating: UInt8(ascii: "b"), count: after)
                let expected = String(validating: bytes, as: UTF8.self)
                #expect(bytes.withUnsafeBufferPointer(UTF8Validation.text) == expected)
            }
        }
    }
}

@Test func textInUTF8DecodesAsTheStandardLibraryReadsIt() {
    let text = "Zustellung fehlgeschlagen: Empfänger unbekannt — 配信不能 ✓ 😀"
    let decoded = CharsetDecoder.decode(Array(text.utf8), charset: "utf-8")
    #expect(decoded == DecodedText(text: text, charset: "UTF-8", fellBack: false))
    // Cut inside the last character: the rest still reads as UTF-8, ending with U+FFFD.
    let cut = CharsetDecoder.decode(Array(text.utf8.dropLast(2)), charset: "utf-8")
    #expect(cut.text == String(text.dropLast()) + "\u{FFFD}")
}
