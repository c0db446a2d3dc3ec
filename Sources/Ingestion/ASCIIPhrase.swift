/// Case-insensitive tests of a short ASCII text against lower-case ASCII phrases, on the text's bytes in place.
enum ASCIIPhrase {
    /// Whether `text` contains `first` or `second`, and whether it is `whole`, all ignoring ASCII case; nil when `text`
    /// is not ASCII (where lower-casing is Unicode's and the caller's general path decides).
    static func mentions(_ text: String, _ first: StaticString, _ second: StaticString, exactly whole: StaticString)
        -> (either: Bool, exact: Bool)? {
        text.withBorrowedUTF8 { bytes -> (either: Bool, exact: Bool)? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return (contains(bytes, first) || contains(bytes, second), equals(bytes, whole))
        }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ phrase: StaticString) -> Bool {
        phrase.withUTF8Buffer { phrase in
            phrase.count == bytes.count && zip(bytes, phrase).allSatisfy { lowered($0) == $1 }
        }
    }

    /// A plain scan: the texts are a few words, the phrases shorter.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ phrase: StaticString) -> Bool {
        phrase.withUTF8Buffer { phrase in
            guard !phrase.isEmpty, phrase.count <= bytes.count else { return phrase.isEmpty }
            for start in 0...(bytes.count - phrase.count)
            where phrase.indices.allSatisfy({ lowered(bytes[start + $0]) == phrase[$0] }) {
                return true
            }
            return false
        }
    }
}
