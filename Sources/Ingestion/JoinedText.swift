/// Text made of a few pieces, built with one allocation of exactly its size.
///
/// The worker builds several such strings per message (idempotency keys, sources, evidence, unmatched reasons);
/// interpolation guesses 16 bytes per piece and grows its buffer when a Message-ID is longer, and appending piece by
/// piece goes through the general `String` append: either cost more than copying the bytes.
func joinedText(_ pieces: String...) -> String {
    joinedText(pieces)
}

func joinedText(_ pieces: [String]) -> String {
    var count = 0
    for piece in pieces { count += piece.utf8.count }
    return String(unsafeUninitializedCapacity: count) { text in
        var end = 0
        for var piece in pieces {
            piece.withUTF8 { bytes in  // free for native strings; bridged ones are made contiguous first
                UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: text[end...]))
                    .copyMemory(from: UnsafeRawBufferPointer(bytes))
                end += bytes.count
            }
        }
        return end
    }
}

/// `prefix` followed by `bytes` read as UTF-8 (invalid sequences repaired as `String(decoding:as:)` repairs them).
func joinedText(_ prefix: StaticString, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + bytes.count) { text in
        UnsafeMutableRawBufferPointer(text).copyMemory(
            from: UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: text[prefix.utf8CodeUnitCount...]))
            .copyMemory(from: UnsafeRawBufferPointer(bytes))
        return prefix.utf8CodeUnitCount + bytes.count
    }
}
