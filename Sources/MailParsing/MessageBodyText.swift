/// A message's `textBody` or `htmlBody`: the text itself, or the inline parts it is decoded from on first read.
///
/// The text of an embedded original is rarely read (readers of a bounce want the original's headers), nor is the HTML
/// of a message that has plain text, while converting them from their charset (often through iconv) was a large
/// share of parsing a bounce. So the parser leaves those to be decoded when first read; the text is then kept.
enum MessageBodyText: Sendable, Equatable {
    case text(String?)
    case deferred(DeferredInlineText)

    var value: String? {
        switch self {
        case .text(let text): return text
        case .deferred(let parts): return parts.text
        }
    }

    static func == (lhs: MessageBodyText, rhs: MessageBodyText) -> Bool { lhs.value == rhs.value }
}

/// Inline text parts of one kind (plain or HTML) not yet decoded, and their joined text once it is. Copies of a
/// message share one and may read it from several threads, so the kept text is guarded by a lock.
struct DeferredInlineText: Sendable {
    struct Part: Sendable {
        /// The part's body after transfer decoding (shared with `MessagePart.decodedBody`, not copied).
        var body: [UInt8]
        var charset: String?
    }

    private struct Pending {
        let parts: FirstInlineList<Part>
        var decoded: String?
    }

    private let pending: LockedState<Pending>

    /// `parts` is not empty.
    init(parts: FirstInlineList<Part>) { pending = LockedState(Pending(parts: parts)) }

    /// The parts' texts joined by a line feed, as the parser joins the texts it decodes up front.
    var text: String {
        pending.withLock { pending in
            if let decoded = pending.decoded { return decoded }
            let parts = pending.parts
            let text = if let only = parts.first, parts.rest.isEmpty {
                TextDecoding.decode(only.body, charset: only.charset)
            } else {
                parts.elements.map { TextDecoding.decode($0.body, charset: $0.charset) }.joined(separator: "\n")
            }
            pending.decoded = text
            return text
        }
    }
}
