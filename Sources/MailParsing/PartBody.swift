/// A MIME part's body after transfer decoding: the bytes, or where the encoded body lies, decoded on first read.
///
/// The parser needs the bytes of some parts (text for `Message.textBody`, reports, embedded messages); the rest
/// (attachments, images, other documents) it only locates, and their readers are few: decoding their base64 and
/// copying them at parse time was work most parses threw away.
enum PartBody: Sendable, Equatable {
    case decoded([UInt8])
    case deferred(DeferredPartBody)

    var bytes: [UInt8] {
        switch self {
        case .decoded(let bytes): return bytes
        case .deferred(let body): return body.bytes
        }
    }

    static func == (lhs: PartBody, rhs: PartBody) -> Bool { lhs.bytes == rhs.bytes }
}

/// A body not yet transfer-decoded, and its bytes once they are. Copies of a message share one and may read it from
/// several threads, so the kept bytes are guarded by a lock.
struct DeferredPartBody: Sendable {
    private struct Pending {
        /// The buffer the part was read from (the message's, shared, not copied) and where its body lies in it.
        let source: [UInt8]
        let range: Range<Int>
        /// `MessagePart.transferEncoding`.
        let encoding: String
        var decoded: [UInt8]?
    }

    private let pending: LockedState<Pending>

    init(source: [UInt8], range: Range<Int>, encoding: String) {
        pending = LockedState(Pending(source: source, range: range, encoding: encoding))
    }

    var bytes: [UInt8] {
        pending.withLock { pending in
            if let decoded = pending.decoded { return decoded }
            let range = pending.range, encoding = pending.encoding
            let decoded = pending.source.withUnsafeBufferPointer {
                TransferDecoding.decode(UnsafeBufferPointer(rebasing: $0[range]), encoding: encoding)
            }
            pending.decoded = decoded
            return decoded
        }
    }
}
