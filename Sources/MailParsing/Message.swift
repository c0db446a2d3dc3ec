import Foundation

/// A parsed mail message: headers, the MIME tree, decoded bodies and the machine-readable
/// reports (delivery status, feedback) found inside it.
public struct Message: Sendable, Equatable {
    public var headers: HeaderSection {
        didSet {
            // Subject, In-Reply-To and References keep what the headers they were read from said.
            if !subjectIsGiven {
                givenSubject = headerCache.subject { oldValue.value("Subject") }
                subjectIsGiven = true
            }
            if givenInReplyTo == nil { givenInReplyTo = Self.inReplyTo(oldValue, headerCache) }
            if givenReferences == nil { givenReferences = Self.references(oldValue, headerCache) }
            // The senders and the date, though, are always the current headers'.
            givenFrom = nil
            dateIsGiven = false
            headerCache = MessageHeaderCache()
        }
    }
    public var subject: String? {
        get {
            if subjectIsGiven { return givenSubject }
            return headerCache.subject { headers.value("Subject") }
        }
        set {
            givenSubject = newValue
            subjectIsGiven = true
        }
    }
    // Addresses and the date are read from `headers` the first time they are asked for, then kept: most parsed
    // messages (embedded originals, reports) never need them, and they dominate parse time otherwise.
    public var from: [MailAddress] {
        givenFrom ?? headerCache.addresses(.from) { Self.addresses(headers, "From") }
    }
    public var to: [MailAddress] { headerCache.addresses(.to) { Self.addresses(headers, "To") } }
    public var cc: [MailAddress] { headerCache.addresses(.cc) { Self.addresses(headers, "Cc") } }
    public var replyTo: [MailAddress] { headerCache.addresses(.replyTo) { Self.addresses(headers, "Reply-To") } }
    public var date: Date? {
        if dateIsGiven { return givenDate }
        return headerCache.date { Self.date(headers, at: headers.firstPosition(named: "Date")) }
    }
    /// Message-ID without angle brackets.
    public var messageID: String?
    /// Message-IDs without angle brackets.
    public var inReplyTo: [String] {
        get { givenInReplyTo ?? Self.inReplyTo(headers, headerCache) }
        set { givenInReplyTo = newValue }
    }
    public var references: [String] {
        get { givenReferences ?? Self.references(headers, headerCache) }
        set { givenReferences = newValue }
    }
    /// The subject, In-Reply-To and References as read when the message was made or as set since; nil (the subject:
    /// `subjectIsGiven` false) while they are to be read from `headers` when first asked for (an embedded original's:
    /// its readers rarely want them). The subject is not kept as a `String??`: reading one copies it through the
    /// generic Optional witness, several hundred instructions for each of the classifier's reads.
    private var givenSubject: String?
    private var subjectIsGiven: Bool
    /// A message read at once has its senders read when made: every classification asks for them several times, and
    /// each read of the shared cache takes its lock.
    private var givenFrom: [MailAddress]?
    /// Its date, likewise (the parser finds the field in the pass it makes for the fields read at init).
    private var givenDate: Date?
    private var dateIsGiven: Bool
    private var givenInReplyTo: [String]?
    private var givenReferences: [String]?
    public var root: MessagePart
    /// Inline text/plain parts of this message (not of embedded ones), decoded and joined.
    public var textBody: String? {
        get { textBodySource.value }
        set { textBodySource = .text(newValue) }
    }
    /// Inline text/html parts of this message, decoded and joined.
    public var htmlBody: String? {
        get { htmlBodySource.value }
        set { htmlBodySource = .text(newValue) }
    }
    /// An embedded message's text is decoded when first read (see `MessageBodyText`).
    private var textBodySource: MessageBodyText
    private var htmlBodySource: MessageBodyText
    public var deliveryStatusReports: [DeliveryStatusReport]
    public var feedbackReports: [FeedbackReport]
    /// Messages carried as parts of this one (message/rfc822, message/global, text/rfc822-headers).
    public var embeddedMessages: [Message]
    public var warnings: [ParseWarning]
    private var headerCache = MessageHeaderCache()

    /// Message-ID, Subject, In-Reply-To, References: what a message read at once takes from its headers.
    private static let fieldsReadAtInit = HeaderFieldNames(["Message-ID", "Subject", "In-Reply-To", "References",
                                                            "Date"])

    /// The date the Date field at `position` gives, read in place: nearly every Date field is one plain line, and
    /// no string need be made for it.
    private static func date(_ headers: HeaderSection, at position: HeaderSection.FieldPosition?) -> Date? {
        position.flatMap { headers.withRawValueUTF8(at: $0, MailDate.parse(utf8:)) }
    }

    private static func inReplyTo(_ headers: HeaderSection, _ cache: MessageHeaderCache) -> [String] {
        cache.messageIDs(.inReplyTo) { headers.firstMessageIDs(named: "In-Reply-To") ?? [] }
    }

    private static func references(_ headers: HeaderSection, _ cache: MessageHeaderCache) -> [String] {
        cache.messageIDs(.references) { headers.firstMessageIDs(named: "References") ?? [] }
    }

    // Equal when every value a reader sees is: a subject read at init equals the same subject read when asked for.
    public static func == (lhs: Message, rhs: Message) -> Bool {
        lhs.headers == rhs.headers && lhs.subject == rhs.subject && lhs.messageID == rhs.messageID
            && lhs.inReplyTo == rhs.inReplyTo && lhs.references == rhs.references && lhs.root == rhs.root
            && lhs.textBody == rhs.textBody && lhs.htmlBody == rhs.htmlBody
            && lhs.deliveryStatusReports == rhs.deliveryStatusReports && lhs.feedbackReports == rhs.feedbackReports
            && lhs.embeddedMessages == rhs.embeddedMessages && lhs.warnings == rhs.warnings
    }

    /// Address lists are read from the undecoded value (an encoded comma in a display name must
    /// not split the list); display names are decoded afterwards, when read (see `MailAddress.displayName`).
    private static func addresses(_ headers: HeaderSection, _ name: String) -> [MailAddress] {
        var addresses: [MailAddress] = []
        // Values are visited in place and the one list (nearly always there is one field) is kept as parsed: no list
        // of values, and no second list of addresses, is made.
        headers.forEachRawValueUTF8(named: name) { rawValue in
            var parsed = AddressParser.parseList(utf8: rawValue)
            for index in parsed.indices { parsed[index].takeDisplayNameAsWritten() }
            if addresses.isEmpty {
                addresses = parsed
            } else {
                addresses.append(contentsOf: parsed)
            }
        }
        return addresses
    }

    /// Every MIME part of this message in tree order (embedded messages' parts excluded).
    /// Iterative, so a deep tree cannot exhaust the stack.
    public var allParts: [MessagePart] {
        var result: [MessagePart] = []
        var stack: [MessagePart] = [root]
        while let part = stack.popLast() {
            result.append(part)
            stack.append(contentsOf: part.children.reversed())
        }
        return result
    }
}

// The initialisers live here so that the struct keeps its memberwise initialiser (private, as some properties are),
// which `parsed` calls.
extension Message {
    public init(headers: HeaderSection, root: MessagePart, textBody: String? = nil, htmlBody: String? = nil,
                deliveryStatusReports: [DeliveryStatusReport] = [], feedbackReports: [FeedbackReport] = [],
                embeddedMessages: [Message] = [], warnings: [ParseWarning] = []) {
        let found = headers.firstFields(named: Self.fieldsReadAtInit)
        self = .parsed(headers: headers, root: root, textBody: .text(textBody), htmlBody: .text(htmlBody),
                       deliveryStatusReports: deliveryStatusReports, feedbackReports: feedbackReports,
                       embeddedMessages: embeddedMessages, warnings: warnings,
                       fieldsReadAtInit: FieldsReadAtInit(messageID: found[0], subject: found[1],
                                                          inReplyTo: found[2], references: found[3],
                                                          date: found[4]),
                       readsHeadersWhenAsked: false)
    }

    /// Where the first of each field a message reads when made stands in its headers (the parser finds them in the
    /// pass it makes over the message's fields for its root part).
    struct FieldsReadAtInit {
        var messageID, subject, inReplyTo, references, date: HeaderSection.FieldPosition?
    }

    /// `found`: where those fields stand in `headers`. `readsHeadersWhenAsked`: the subject, In-Reply-To and
    /// References are read from the headers when first asked for rather than now. The memberwise initialiser makes the message as one value; an initialiser assigning each
    /// property built it in place and then copied it whole (every field retained, then released) to return it.
    static func parsed(headers: HeaderSection, root: MessagePart, textBody: MessageBodyText, htmlBody: MessageBodyText,
                       deliveryStatusReports: [DeliveryStatusReport], feedbackReports: [FeedbackReport],
                       embeddedMessages: [Message], warnings: [ParseWarning], fieldsReadAtInit found: FieldsReadAtInit,
                       readsHeadersWhenAsked: Bool) -> Message {
        let messageID = found.messageID.flatMap(headers.firstMessageID(at:))
        var givenSubject: String? = nil, givenInReplyTo: [String]? = nil, givenReferences: [String]? = nil
        var givenFrom: [MailAddress]? = nil, givenDate: Date? = nil
        if !readsHeadersWhenAsked {
            givenSubject = found.subject.map(headers.value(at:))
            givenInReplyTo = found.inReplyTo.map(headers.messageIDs(at:)) ?? []
            givenReferences = found.references.map(headers.messageIDs(at:)) ?? []
            givenFrom = addresses(headers, "From")
            givenDate = date(headers, at: found.date)
        }
        return Message(headers: headers, messageID: messageID, givenSubject: givenSubject,
                       subjectIsGiven: !readsHeadersWhenAsked, givenFrom: givenFrom,
                       givenDate: givenDate, dateIsGiven: !readsHeadersWhenAsked,
                       givenInReplyTo: givenInReplyTo, givenReferences: givenReferences, root: root,
                       textBodySource: textBody, htmlBodySource: htmlBody,
                       deliveryStatusReports: deliveryStatusReports, feedbackReports: feedbackReports,
                       embeddedMessages: embeddedMessages, warnings: warnings)
    }
}
