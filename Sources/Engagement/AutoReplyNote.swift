import Foundation

/// The latest automatic reply (out of office, left the company) seen from a contact. It never moves the status;
/// it is kept so a person or a sequence can resume on the return date.
public struct AutoReplyNote: Sendable, Codable, Equatable {
    public var receivedAt: Date
    /// `YYYY-MM-DD` when the auto-reply named one.
    public var returnDate: String?
    public var leftCompany: Bool

    public init(receivedAt: Date, returnDate: String?, leftCompany: Bool) {
        self.receivedAt = receivedAt
        self.returnDate = returnDate
        self.leftCompany = leftCompany
    }
}
