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
    /// The body after transfer decoding (empty for multiparts).
    public var decodedBody: [UInt8]
    /// The body as text, for text/* parts, converted from its charset.
    public var text: String?
    // An array boxes the recursive value (a part may hold a message holding parts).
    private var embeddedStorage: [Message]

    public init(path: String, headers: HeaderSection, contentType: ContentType, transferEncoding: String,
                disposition: ContentDisposition?, filename: String?, children: [MessagePart] = [],
                embeddedMessage: Message? = nil, decodedBody: [UInt8] = [], text: String? = nil) {
        self.path = path
        self.headers = headers
        self.contentType = contentType
        self.transferEncoding = transferEncoding
        self.disposition = disposition
        self.filename = filename
        self.children = children
        self.embeddedStorage = embeddedMessage.map { [$0] } ?? []
        self.decodedBody = decodedBody
        self.text = text
    }

    /// The message this part carries (message/rfc822, message/global, text/rfc822-headers).
    public var embeddedMessage: Message? {
        get { embeddedStorage.first }
        set { embeddedStorage = newValue.map { [$0] } ?? [] }
    }

    public var isAttachment: Bool { disposition?.isAttachment ?? false }
}
