/// How a contact unsubscribed. Every channel leads to Do Not Contact.
public enum OptOutChannel: String, Sendable, Codable, CaseIterable {
    case link           // opt-out link in an email
    case dncReply       // automatic detection of a "do not contact me" reply
    case unibox         // a person categorised the reply as Do Not Contact in Unibox
    case spamComplaint  // feedback loop report (RFC 5965 abuse)
}
