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

    /// Media types (`type/subtype`) nearly every message has: one lookup spells both halves of a Content-Type.
    private static let mediaTypes: [StaticString] = [
        "text/plain", "text/html", "multipart/mixed", "multipart/alternative", "multipart/related",
        "multipart/report", "multipart/signed", "message/rfc822", "message/delivery-status", "text/rfc822-headers",
        "message/global", "message/global-delivery-status", "message/global-headers", "message/feedback-report",
        "message/disposition-notification", "application/octet-stream", "application/pdf",
        "application/pkcs7-signature", "image/png", "image/jpeg", "image/gif", "text/calendar",
    ]

    /// Stored values found by a hash of their key's length and first and last bytes: one probe, then one comparison,
    /// where a scan of the keys of each length compared several.
    private struct Table<Value: Sendable>: Sendable {
        /// Index of the first key of each hash slot, -1 for none; `next` chains the keys that share a slot.
        private var slots = [Int16](repeating: -1, count: 256)
        private var next: [Int16] = []
        private var values: [Value] = []
        /// The keys, lowercase.
        private var spellings: [StaticString] = []

        init(_ keys: [StaticString], value: (String) -> Value) {
            for key in keys {
                let bytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
                let slot = Self.slot(bytes)
                next.append(slots[slot])
                slots[slot] = Int16(values.count)
                values.append(value(String(decoding: bytes, as: UTF8.self)))
                spellings.append(key)
            }
        }

        @inline(__always)
        private static func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            let key = bytes.count &* 97 &+ Int(ByteScanning.lowercased(first)) &* 31 &+ Int(ByteScanning.lowercased(last))
            return key & 255
        }

        /// The value of the key equal to `bytes` ignoring ASCII case, or nil.
        func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
            guard let base = bytes.baseAddress else { return nil }
            var index = Int(slots[Self.slot(bytes)])
            while index >= 0 {
                let spelling = spellings[index]
                if spelling.utf8CodeUnitCount == bytes.count,
                   ByteScanning.equalsLowercase(base, spelling.utf8Start, count: bytes.count) {
                    return values[index]
                }
                index = Int(next[index])
            }
            return nil
        }
    }

    private static let tokenTable = Table(tokens) { $0 }
    private static let mediaTypeTable = Table(mediaTypes) { text -> (type: String, subtype: String) in
        let slash = text.firstIndex(of: "/") ?? text.endIndex
        return (String(text[..<slash]), String(text[text.index(after: slash)...]))
    }

    /// `bytes` as text with ASCII letters lowercased: the stored string when it is a common token.
    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let known = tokenTable.value(bytes) { return known }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            for index in 0..<bytes.count { output[index] = ByteScanning.lowercased(bytes[index]) }
            return bytes.count
        }
    }

    /// The type and subtype, lowercased, of a common media type written `type/subtype` (any case, no spaces).
    static func mediaType(_ bytes: UnsafeBufferPointer<UInt8>) -> (type: String, subtype: String)? {
        mediaTypeTable.value(bytes)
    }
}
