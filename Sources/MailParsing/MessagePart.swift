/// One node of a message's MIME tree.
public struct MessagePart: Sendable, Equatable {
    /// Position in the tree: "1" is the root, "1.2" the root's second child, and so on.
    public var path: String
    public var headers: HeaderSection
    /// The declared Content-Type, or the RFC 2045 default when it was missing or unreadable.
    public var contentType: ContentType
    /// Lowercased Content-Transfer-Encoding ("7bit" when not given).
    public var transferEncoding: String
    public var disposition: ContentDisposition?
    /// Content-Disposition filename, else Content-Type name.
    public var filename: String?
    public var children: [MessagePart]
    /// The body after transfer decoding (empty for multiparts). An attachment's (any part whose bytes the parser
    /// does not read) is decoded when first read, then kept.
    public var decodedBody: [UInt8] {
        get { body.bytes }
        set { body = .decoded(newValue) }
    }
    private var body: PartBody
    /// The body as text, for text/* parts, converted from its charset.
    public var text: String? {
        get {
            switch textSource {
            case .none: return nil
            case .decoded(let text): return text
            case .undecoded(let charset): return TextDecoding.decode(decodedBody, charset: charset)
            }
        }
        set { textSource = newValue.map(TextSource.decoded) ?? .none }
    }
    /// Most parts' text is never read (reports, attachments, embedded headers: their bytes are what gets parsed),
    /// so the parser leaves it undecoded and each read of `text` converts `decodedBody`; the text of the parsed
    /// message's inline plain-text parts, which the parser decodes for `Message.textBody` anyway, is kept.
    private var textSource: TextSource
    // An array boxes the recursive value (a part may hold a message holding parts).
    private var embeddedStorage: [Message]

    enum TextSource: Sendable, Equatable {
        case none
        case decoded(String)
        /// `decodedBody` read in this charset (nil: undeclared) when `text` is asked for.
        case undecoded(charset: String?)
    }

    public static func == (lhs: MessagePart, rhs: MessagePart) -> Bool {
        lhs.path == rhs.path && lhs.headers == rhs.headers && lhs.contentType == rhs.contentType
            && lhs.transferEncoding == rhs.transferEncoding && lhs.disposition == rhs.disposition
            && lhs.filename == rhs.filename && lhs.children == rhs.children && lhs.decodedBody == rhs.decodedBody
            && lhs.embeddedStorage == rhs.embeddedStorage && lhs.text == rhs.text
    }

    /// The message this part carries (message/rfc822, message/global, text/rfc822-headers).
    public var embeddedMessage: Message? {
        get { embeddedStorage.first }
        set { embeddedStorage = newValue.map { [$0] } ?? [] }
    }

    public var isAttachment: Bool { disposition?.isAttachment ?? false }
}

// The initialisers live here so that the struct keeps its memberwise initialiser (private, as some properties are),
// which `assembled` calls.
extension MessagePart {
    public init(path: String, headers: HeaderSection, contentType: ContentType, transferEncoding: String,
                disposition: ContentDisposition?, filename: String?, children: [MessagePart] = [],
                embeddedMessage: Message? = nil, decodedBody: [UInt8] = [], text: String? = nil) {
        self = .assembled(path: path, headers: headers, contentType: contentType, transferEncoding: transferEncoding,
                          disposition: disposition, filename: filename, children: children,
                          embeddedStorage: embeddedMessage.map { [$0] } ?? [], body: .decoded(decodedBody),
                          textSource: text.map(TextSource.decoded) ?? .none)
    }

    /// Every property given: the parser makes each part with this one call. The memberwise initialiser makes the part
    /// as one value; an initialiser assigning each property built it in place and then copied it whole (every
    /// field retained, then released) to return it.
    static func assembled(path: String, headers: HeaderSection, contentType: ContentType, transferEncoding: String,
                          disposition: ContentDisposition?, filename: String?, children: [MessagePart],
                          embeddedStorage: [Message], body: PartBody, textSource: TextSource) -> MessagePart {
        MessagePart(path: path, headers: headers, contentType: contentType, transferEncoding: transferEncoding,
                    disposition: disposition, filename: filename, children: children, body: body,
                    textSource: textSource, embeddedStorage: embeddedStorage)
    }
}
