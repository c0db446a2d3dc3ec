import Foundation

/// The machine-readable part of an RFC 5965 abuse/feedback report (message/feedback-report).
public struct FeedbackReport: Sendable, Equatable {
    /// Lowercased Feedback-Type: abuse, fraud, virus, not-spam, auth-failure, other.
    public var feedbackType: String?
    public var userAgent: String?
    public var originalMailFrom: String?
    /// Every Original-Rcpt-To value, bare addresses.
    public var originalRcptTo: [String]
    public var arrivalDate: Date?
    public var reportedDomain: String?
    public var sourceIP: String?
    public var fields: [HeaderField]

    public init(fields: [HeaderField]) {
        self.fields = fields
        let section = HeaderSection(fields: fields)
        feedbackType = section.value("Feedback-Type").map { $0.trimmingMailWhitespace.asciiLowercased }
        userAgent = section.value("User-Agent")
        originalMailFrom = section.value("Original-Mail-From").map(DeliveryStatusValue.address)
        originalRcptTo = section.values("Original-Rcpt-To").map(DeliveryStatusValue.address)
        arrivalDate = (section.rawValue("Arrival-Date") ?? section.rawValue("Received-Date")).flatMap(MailDate.parse)
        reportedDomain = section.value("Reported-Domain")
        sourceIP = section.value("Source-IP")
    }

    static func parse(_ body: [UInt8]) -> FeedbackReport? {
        let read = StatusBlockReader.read(body)
        let located = read.blocks.flatMap { $0 }
        guard !located.isEmpty else { return nil }
        return FeedbackReport(fields: HeaderSection(unread: UnreadHeaderBlock(source: read.source, layout: located)).fields)
    }
}
