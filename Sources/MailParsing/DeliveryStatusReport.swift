import Foundation

/// An RFC 3464 (or RFC 6533 global) delivery status notification's machine-readable part.
public struct DeliveryStatusReport: Sendable, Equatable {
    /// Per-message fields (Reporting-MTA, Arrival-Date, …), in order.
    public var perMessageFields: [HeaderField]
    /// Reporting-MTA without its type ("dns; mx.example.com" → "mx.example.com").
    public var reportingMTA: String?
    public var arrivalDate: Date? { HeaderSection(fields: perMessageFields).rawValue("Arrival-Date").flatMap(MailDate.parse) }
    public var recipients: [DeliveryStatusRecipient]
    /// True when this report was recognised in a part not labelled as a delivery status.
    public var fromMislabeledPart: Bool

    public init(perMessageFields: [HeaderField], recipients: [DeliveryStatusRecipient], fromMislabeledPart: Bool = false) {
        self.perMessageFields = perMessageFields
        self.recipients = recipients
        self.fromMislabeledPart = fromMislabeledPart
        let section = HeaderSection(fields: perMessageFields)
        reportingMTA = section.value("Reporting-MTA").map(DeliveryStatusValue.withoutType)
    }
}
