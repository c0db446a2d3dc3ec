import Foundation

/// One per-recipient block of a delivery status notification (RFC 3464 §2.3).
public struct DeliveryStatusRecipient: Sendable {
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
    public var lastAttemptDate: Date?
    public var willRetryUntil: Date?
    /// Every field of the block in order, extension fields included.
    public var fields: [HeaderField]

    public init(fields: [HeaderField]) {
        self.fields = fields
        let section = HeaderSection(fields: fields)
        finalRecipient = section.value("Final-Recipient").map(DeliveryStatusValue.address)
        originalRecipient = section.value("Original-Recipient").map(DeliveryStatusValue.address)
        action = section.value("Action").map { $0.trimmingMailWhitespace.asciiLowercased }
        status = section.value("Status").map(DeliveryStatusValue.normalizedStatus)
        remoteMTA = section.value("Remote-MTA").map(DeliveryStatusValue.withoutType)
        if let diagnostic = section.value("Diagnostic-Code") {
            let split = DeliveryStatusValue.typeAndText(diagnostic)
            diagnosticType = split.type
            diagnosticCode = DeliveryStatusValue.collapsedWhitespace(split.text)
        }
        lastAttemptDate = section.rawValue("Last-Attempt-Date").flatMap(MailDate.parse)
        willRetryUntil = section.rawValue("Will-Retry-Until").flatMap(MailDate.parse)
    }
}
