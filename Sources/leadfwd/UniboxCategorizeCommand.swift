import ArgumentParser
import Foundation
import Engagement

struct UniboxCategorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categorize",
        abstract: "Categorise a reply or a contact manually; Do Not Contact unsubscribes the contact.",
        discussion: """
        Find the contact by the reply's Message-ID (or the outbound Message-ID it answers), or give --email.
          leadfwd unibox categorize --message-id '<reply-17@mail.acme.io>' --as do-not-contact
        """
    )

    enum Category: String, ExpressibleByArgument, CaseIterable {
        case doNotContact = "do-not-contact"
    }

    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .customLong("message-id"), help: "Message-ID of the reply, or of the sequence email it answers.")
    var messageID: String?
    @Option(help: "The contact's email address, instead of --message-id.")
    var email: String?
    @Option(name: .customLong("as"), help: "The category. do-not-contact is the one that moves Engagement Status.")
    var category: Category
    @OptionGroup var output: OutputFormatOptions

    func validate() throws {
        if (messageID == nil) == (email == nil) {
            throw ValidationError("Give exactly one of --message-id ID or --email ADDRESS.")
        }
    }

    func run() throws {
        let store = try data.openStore()
        let address: String
        var evidence: [String] = []
        if let messageID {
            guard let contact = store.contactForMessageID(messageID) else {
                throw CommandFailure("No contact has a message with Message-ID \(messageID). Check the id (with or "
                    + "without <>), or use --email ADDRESS.")
            }
            address = contact.email
            evidence.append("Message-ID: <\(MessageID.normalize(messageID))>")
        } else {
            address = email ?? ""
        }
        let event = EngagementEvent(contact: address, kind: .optOut(via: .unibox), at: Date(), source: "cli:unibox",
                                    evidence: evidence + ["categorised as \(category.rawValue)"])
        try EventReport.apply([event], to: store, format: output.format)
    }
}
