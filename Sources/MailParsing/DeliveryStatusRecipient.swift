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
    /// Dates are read from `fields` when asked for; most consumers never need them.
    public var lastAttemptDate: Date? { fields.first { $0.hasName("Last-Attempt-Date") }.flatMap { MailDate.parse($0.rawValue) } }
    public var willRetryUntil: Date? { fields.first { $0.hasName("Will-Retry-Until") }.flatMap { MailDate.parse($0.rawValue) } }
    /// Every field of the block in order, extension fields included.
    public var fields: [HeaderField]

    public init(fields: [HeaderField]) {
        self.fields = fields
        // One pass; the first occurrence of each field wins, as with HeaderSection.value.
        for field in fields {
            switch field.name.asciiLowercased {
            case "final-recipient" where finalRecipient == nil:
                finalRecipient = DeliveryStatusValue.address(field.value)
            case "original-recipient" where originalRecipient == nil:
                originalRecipient = DeliveryStatusValue.address(field.value)
            case "action" where action == nil:
                action = field.value.trimmingMailWhitespace.asciiLowercased
            case "status" where status == nil:
                status = DeliveryStatusValue.normalizedStatus(field.value)
            case "remote-mta" where remoteMTA == nil:
                remoteMTA = DeliveryStatusValue.withoutType(field.value)
            case "diagnostic-code" where diagnosticCode == nil:
                let split = DeliveryStatusValue.typeAndText(field.value)
                diagnosticType = split.type
                diagnosticCode = DeliveryStatusValue.collapsedWhitespace(split.text)
            default:
                break
            }
        }
    }
}
