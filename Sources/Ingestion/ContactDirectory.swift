/// What the worker needs to know from the store to decide who a message is about.
public protocol ContactDirectory {
    /// Whether `email` (normalised) is a contact.
    func isContact(_ email: String) -> Bool
    /// The contact a sequence email with this Message-ID (without <>) was sent to, if the store recorded it.
    func contactForOutboundMessage(_ messageID: String) -> String?
}
