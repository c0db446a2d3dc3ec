import Foundation

/// An RFC 3464 (or RFC 6533 global) delivery status notification's machine-readable part.
public struct DeliveryStatusReport: Sendable, Equatable {
    /// Per-message fields (Reporting-MTA, Arrival-Date, …), in order.
    public var perMessageFields: [HeaderField] {
        get { perMessageSection.fields }
        set { perMessageSection.fields = newValue }
    }
    /// The per-message fields; those of a parsed report stay unread until read (see `UnreadHeaderBlock`).
    private var perMessageSection: HeaderSection
    /// Reporting-MTA without its type ("dns; mx.example.com" → "mx.example.com").
    public var reportingMTA: String?
    public var arrivalDate: Date? { perMessageSection.rawValue("Arrival-Date").flatMap(MailDate.parse) }
    public var recipients: [DeliveryStatusRecipient]
    /// True when this report was recognised in a part not labelled as a delivery status.
    public var fromMislabeledPart: Bool

    public init(perMessageFields: [HeaderField], recipients: [DeliveryStatusRecipient], fromMislabeledPart: Bool = false) {
        self.init(perMessage: HeaderSection(fields: perMessageFields), recipients: recipients,
                  fromMislabeledPart: fromMislabeledPart)
    }

    init(perMessage block: UnreadHeaderBlock, recipients: [DeliveryStatusRecipient], fromMislabeledPart: Bool) {
        self.init(perMessage: HeaderSection(unread: block), recipients: recipients,
                  fromMislabeledPart: fromMislabeledPart)
    }

    private init(perMessage: HeaderSection, recipients: [DeliveryStatusRecipient], fromMislabeledPart: Bool) {
        perMessageSection = perMessage
        self.recipients = recipients
        self.fromMislabeledPart = fromMislabeledPart
        // Read from the value's bytes in place when they are one plain line (`withoutType` of the value).
        reportingMTA = perMessage.withValueUTF8("Reporting-MTA") { value in
            value.map { value in
                let trimmed = UnsafeBufferPointer(rebasing: value[ByteScanning.trimmed(value, 0..<value.count)])
                return DeliveryStatusValue.typeAndText(trimmedUTF8: trimmed) {
                    String(decoding: trimmed, as: UTF8.self)
                }.text
            }
        }
    }
}
