/// What one `* n FETCH (…)` response says about a message, as far as this client asks: its UID, flags and full body.
/// Items it never asks for (ENVELOPE, BODYSTRUCTURE, sections, …) are skipped while reading.
struct IMAPFetchResponse: Equatable {
    var sequence: Int
    /// nil when the response carries no UID, or one that is not a 32-bit number.
    var uid: UInt32?
    /// The FLAGS item's atoms; nil when the response has no FLAGS item, empty when it is not a list.
    var flags: [String]?
    /// `BODY[]` as sent (a literal or a quoted string); nil when absent or NIL.
    var body: [UInt8]?
}
