import EngagementStore

/// The store as the worker's contact directory.
struct StoreContactDirectory: ContactDirectory {
    let store: EngagementStore

    func isContact(_ email: String) -> Bool { store.hasContact(normalizedEmail: email) }

    func contactForOutboundMessage(_ messageID: String) -> String? {
        store.contactEmailForOutboundMessageID(messageID)
    }
}
