/// What an RFC 3464 status field's name makes it, told by comparing the name in place (ignoring ASCII case) instead
/// of lowercasing it and hashing it into a set: a report has a dozen fields and each is looked at several times.
enum DeliveryStatusFieldName: Equatable {
    case finalRecipient
    case originalRecipient
    /// Reporting-MTA, DSN-Gateway, Received-From-MTA, Arrival-Date, Original-Envelope-ID.
    case perMessage
    /// Action, Status, Remote-MTA, Diagnostic-Code, Last-Attempt-Date, Final-Log-ID, Will-Retry-Until.
    case recipient
    /// An `X-` extension field.
    case extensionField
    /// Anything else: text that is no status field.
    case other

    init(_ name: String) {
        // Each length holds at most two known names, so one length check rules out nearly every other name.
        switch name.utf8.count {
        case 6:
            let known = name.equalsIgnoringASCIICase("action") || name.equalsIgnoringASCIICase("status")
            self = known ? .recipient : .other
        case 10:
            self = name.equalsIgnoringASCIICase("remote-mta") ? .recipient : .other
        case 11:
            self = name.equalsIgnoringASCIICase("dsn-gateway") ? .perMessage : .other
        case 12:
            if name.equalsIgnoringASCIICase("arrival-date") {
                self = .perMessage
            } else {
                self = name.equalsIgnoringASCIICase("final-log-id") ? .recipient : .other
            }
        case 13:
            self = name.equalsIgnoringASCIICase("reporting-mta") ? .perMessage : .other
        case 15:
            if name.equalsIgnoringASCIICase("final-recipient") {
                self = .finalRecipient
            } else {
                self = name.equalsIgnoringASCIICase("diagnostic-code") ? .recipient : .other
            }
        case 16:
            self = name.equalsIgnoringASCIICase("will-retry-until") ? .recipient : .other
        case 17:
            if name.equalsIgnoringASCIICase("received-from-mta") {
                self = .perMessage
            } else {
                self = name.equalsIgnoringASCIICase("last-attempt-date") ? .recipient : .other
            }
        case 18:
            self = name.equalsIgnoringASCIICase("original-recipient") ? .originalRecipient : .other
        case 20:
            self = name.equalsIgnoringASCIICase("original-envelope-id") ? .perMessage : .other
        default:
            self = .other
        }
        if self == .other, Self.hasExtensionPrefix(name) { self = .extensionField }
    }

    /// Whether the name is one RFC 3464 defines or an extension field.
    var isStatusField: Bool { self != .other }

    private static func hasExtensionPrefix(_ name: String) -> Bool {
        var utf8 = name.utf8.makeIterator()
        guard let first = utf8.next(), first == UInt8(ascii: "x") || first == UInt8(ascii: "X") else { return false }
        return utf8.next() == UInt8(ascii: "-")
    }
}
