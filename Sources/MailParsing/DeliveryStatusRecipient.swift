import Foundation

/// One per-recipient block of a delivery status notification (RFC 3464 §2.3).
public struct DeliveryStatusRecipient: Sendable, Equatable {
    /// Bare address from Final-Recipient (type and brackets removed, xtext decoded).
    public var finalRecipient: String?
    public var originalRecipient: String?
    /// Lowercased action: failed, delayed, delivered, relayed, expanded.
    public var action: String?
    /// RFC 3463 status code normalised to "class.subject.detail", e.g. "5.1.1"; the raw
    /// value when it holds no such code.
    public var status: String?
    public var remoteMTA: String?
    /// Diagnostic text with its type ("smtp;") removed and folded whitespace collapsed.
    public var diagnosticCode: String?
    /// The diagnostic type, e.g. "smtp", "x-postfix".
    public var diagnosticType: String?
    /// Dates are read from the fields when asked for; most consumers never need them.
    public var lastAttemptDate: Date? { section.rawValue("Last-Attempt-Date").flatMap(MailDate.parse) }
    public var willRetryUntil: Date? { section.rawValue("Will-Retry-Until").flatMap(MailDate.parse) }
    /// Every field of the block in order, extension fields included.
    public var fields: [HeaderField] {
        get { section.fields }
        set { section.fields = newValue }
    }
    /// The block's fields; those of a parsed report stay unread until `fields` is read (see `UnreadHeaderBlock`).
    private var section: HeaderSection

    public init(fields: [HeaderField]) {
        section = HeaderSection(fields: fields)
        // One pass; the first occurrence of each field wins, as with HeaderSection.value.
        for field in fields {
            var name = field.name
            let kind = name.withUTF8(DeliveryStatusFieldName.init)
            derive(kind, field.value)
        }
    }

    /// A parsed report's recipient block: only the fields a value is derived from are made into strings.
    /// A parsed report's recipient, before its fields are known: the parser derives the values field by field
    /// (`derive(_:from:in:)`) as it groups them, with the names it has classified already, and then hands over the
    /// block (`setFields(_:)`). Only the fields a value is derived from are made into strings.
    init() {
        section = HeaderSection()
    }

    /// Derives the value `field` (of kind `kind`, located in `buffer`) gives, unless an earlier field gave it.
    mutating func derive(_ kind: DeliveryStatusFieldName, from field: HeaderBlockParser.FieldLayout,
                         in buffer: UnsafeBufferPointer<UInt8>) {
        guard isDerived(kind) else { return }
        // A one-line ASCII value (nearly every one) is read in place; any other as its decoded text.
        if HeaderBlockParser.withPlainValueBytes(buffer, field, { derive(kind, trimmedUTF8: $0) }) == nil {
            derive(kind, HeaderBlockParser.value(buffer, field))
        }
    }

    /// Gives the recipient its block's fields, left unread until `fields` is read.
    mutating func setFields(_ block: UnreadHeaderBlock) {
        section = HeaderSection(unread: block)
    }

    /// Whether `kind` is a field a value is derived from that has not been derived yet.
    private func isDerived(_ kind: DeliveryStatusFieldName) -> Bool {
        switch kind {
        case .finalRecipient: return finalRecipient == nil
        case .originalRecipient: return originalRecipient == nil
        case .action: return action == nil
        case .status: return status == nil
        case .remoteMTA: return remoteMTA == nil
        case .diagnosticCode: return diagnosticCode == nil
        default: return false
        }
    }

    /// `derive` for a value given as its UTF-8 without leading or trailing whitespace: the same values, with no
    /// string made for the value itself.
    private mutating func derive(_ kind: DeliveryStatusFieldName, trimmedUTF8 value: UnsafeBufferPointer<UInt8>) {
        // Only `withPlainValueBytes` calls this: the value is ASCII.
        func text() -> String { String(checkedASCII: value) }
        switch kind {
        case .finalRecipient: finalRecipient = DeliveryStatusValue.address(utf8: value)
        case .originalRecipient: originalRecipient = DeliveryStatusValue.address(utf8: value)
        case .action: action = DeliveryStatusValue.lowercased(utf8: value)
        case .status: status = DeliveryStatusValue.normalizedStatus(trimmedUTF8: value)
        case .remoteMTA: remoteMTA = DeliveryStatusValue.typeAndText(trimmedUTF8: value, text: text).text
        case .diagnosticCode:
            let split = DeliveryStatusValue.typeAndText(trimmedUTF8: value, text: text)
            diagnosticType = split.type
            diagnosticCode = DeliveryStatusValue.collapsedWhitespace(split.text)
        default: break
        }
    }

    private mutating func derive(_ kind: DeliveryStatusFieldName, _ value: String) {
        guard isDerived(kind) else { return }
        switch kind {
        case .finalRecipient: finalRecipient = DeliveryStatusValue.address(value)
        case .originalRecipient: originalRecipient = DeliveryStatusValue.address(value)
        case .action: action = value.trimmingMailWhitespace.asciiLowercased
        case .status: status = DeliveryStatusValue.normalizedStatus(value)
        case .remoteMTA: remoteMTA = DeliveryStatusValue.withoutType(value)
        case .diagnosticCode:
            let split = DeliveryStatusValue.typeAndText(value)
            diagnosticType = split.type
            diagnosticCode = DeliveryStatusValue.collapsedWhitespace(split.text)
        default: break
        }
    }
}
