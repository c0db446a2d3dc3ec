/// Lowercased tokens that MIME and report headers repeat in nearly every message: media types and subtypes,
/// parameter names, transfer encodings, dispositions, delivery-status actions. A token that is one of these, in any
/// case, reuses the stored string: each part's Content-Type alone spelled a type and a subtype, and building and
/// validating such short strings, again and again, cost more than finding them here.
enum CommonTokens {
    private static let tokens: [StaticString] = [
        // Media types and subtypes.
        "text", "plain", "html", "multipart", "mixed", "alternative", "related", "report", "message", "rfc822",
        "delivery-status", "global", "global-delivery-status", "rfc822-headers", "global-headers", "feedback-report",
        "disposition-notification", "application", "octet-stream", "pdf", "image", "png", "jpeg", "gif", "calendar",
        "signed", "pkcs7-signature", "x-pkcs7-signature", "ms-tnef", "enriched", "digest", "partial", "external-body",
        // Parameter names.
        "charset", "boundary", "name", "filename", "format", "report-type", "delsp", "type", "method", "reply-type",
        "size", "creation-date", "modification-date", "protocol", "micalg", "start",
        // Dispositions and transfer encodings.
        "inline", "attachment", "7bit", "8bit", "base64", "quoted-printable", "binary",
        // Delivery-status actions (RFC 3464 §2.3.3).
        "failed", "delayed", "delivered", "relayed", "expanded",
    ]

    /// The tokens found by a hash of their length and first and last bytes: one probe, then one comparison, where
    /// a scan of the tokens of each length compared several.
    private struct Table: Sendable {
        /// Index of the first token of each hash slot, -1 for none; `next` chains the tokens that share a slot.
        var slots = [Int16](repeating: -1, count: 256)
        var next: [Int16] = []
        var texts: [String] = []
        var spellings: [StaticString] = []

        init() {
            for token in tokens {
                let bytes = UnsafeBufferPointer(start: token.utf8Start, count: token.utf8CodeUnitCount)
                let slot = Self.slot(bytes)
                next.append(slots[slot])
                slots[slot] = Int16(texts.count)
                texts.append(String(decoding: bytes, as: UTF8.self))
                spellings.append(token)
            }
        }

        @inline(__always)
        static func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            let key = bytes.count &* 97 &+ Int(ByteScanning.lowercased(first)) &* 31 &+ Int(ByteScanning.lowercased(last))
            return key & 255
        }
    }

    private static let table = Table()

    /// `bytes` as text with ASCII letters lowercased: the stored string when it is a common token.
    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let known = known(bytes) { return known }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            for index in 0..<bytes.count { output[index] = ByteScanning.lowercased(bytes[index]) }
            return bytes.count
        }
    }

    /// The stored token equal to `bytes` ignoring ASCII case, or nil.
    private static func known(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var index = Int(table.slots[Table.slot(bytes)])
        while index >= 0 {
            let spelling = table.spellings[index]
            if spelling.utf8CodeUnitCount == bytes.count,
               ByteScanning.equalsLowercase(base, spelling.utf8Start, count: bytes.count) {
                return table.texts[index]
            }
            index = Int(table.next[index])
        }
        return nil
    }
}
