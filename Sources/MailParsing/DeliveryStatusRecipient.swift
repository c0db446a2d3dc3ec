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
            let name = field.name
            // Compared in place: lowercasing each name would allocate for the longer ones.
            if finalRecipient == nil, name.equalsIgnoringASCIICase("final-recipient") {
                finalRecipient = DeliveryStatusValue.address(field.value)
            } else if originalRecipient == nil, name.equalsIgnoringASCIICase("original-recipient") {
                originalRecipient = DeliveryStatusValue.address(field.value)
            } else if action == nil, name.equalsIgnoringASCIICase("action") {
                action = field.value.trimmingMailWhitespace.asciiLowercased
            } else if status == nil, name.equalsIgnoringASCIICase("status") {
                status = DeliveryStatusValue.normalizedStatus(field.value)
            } else if remoteMTA == nil, name.equalsIgnoringASCIICase("remote-mta") {
                remoteMTA = DeliveryStatusValue.withoutType(field.value)
            } else if diagnosticCode == nil, name.equalsIgnoringASCIICase("diagnostic-code") {
                let split = DeliveryStatusValue.typeAndText(field.value)
                diagnosticType = split.type
                diagnosticCode = DeliveryStatusValue.collapsedWhitespace(split.text)
            }
        }
    }
}
