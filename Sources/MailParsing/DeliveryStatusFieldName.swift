/// What an RFC 3464 status field's name makes it, told from the name's bytes in place (ignoring ASCII case) instead
/// of making, lowercasing and hashing a string: a report has a dozen fields and each is looked at several times.
enum DeliveryStatusFieldName: Equatable {
    case finalRecipient
    case originalRecipient
    /// Reporting-MTA, DSN-Gateway, Received-From-MTA, Arrival-Date, Original-Envelope-ID.
    case perMessage
    case action
    case status
    case remoteMTA
    case diagnosticCode
    /// Last-Attempt-Date, Final-Log-ID, Will-Retry-Until: recipient fields nothing is derived from up front.
    case otherRecipientField
    /// An `X-` extension field.
    case extensionField
    /// Anything else: text that is no status field.
    case other

    init(_ name: UnsafeBufferPointer<UInt8>) {
        // Each length holds at most two known names, so one length check rules out nearly every other name.
        switch name.count {
        case 6:
            if Self.matches(name, "action") {
                self = .action
            } else {
                self = Self.matches(name, "status") ? .status : .other
            }
        case 10:
            self = Self.matches(name, "remote-mta") ? .remoteMTA : .other
        case 11:
            self = Self.matches(name, "dsn-gateway") ? .perMessage : .other
        case 12:
            if Self.matches(name, "arrival-date") {
                self = .perMessage
            } else {
                self = Self.matches(name, "final-log-id") ? .otherRecipientField : .other
            }
        case 13:
            self = Self.matches(name, "reporting-mta") ? .perMessage : .other
        case 15:
            if Self.matches(name, "final-recipient") {
                self = .finalRecipient
            } else {
                self = Self.matches(name, "diagnostic-code") ? .diagnosticCode : .other
            }
        case 16:
            self = Self.matches(name, "will-retry-until") ? .otherRecipientField : .other
        case 17:
            if Self.matches(name, "received-from-mta") {
                self = .perMessage
            } else {
                self = Self.matches(name, "last-attempt-date") ? .otherRecipientField : .other
            }
        case 18:
            self = Self.matches(name, "original-recipient") ? .originalRecipient : .other
        case 20:
            self = Self.matches(name, "original-envelope-id") ? .perMessage : .other
        default:
            self = .other
        }
        if self == .other, name.count >= 2, name[0] | 0x20 == UInt8(ascii: "x"), name[1] == UInt8(ascii: "-") {
            self = .extensionField
        }
    }

    /// Whether the name is one RFC 3464 defines or an extension field.
    var isStatusField: Bool { self != .other }

    /// `name` equals `lowercase` (lowercase ASCII of the same length), ignoring ASCII case.
    private static func matches(_ name: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        guard name.count == lowercase.utf8CodeUnitCount, let base = name.baseAddress else { return false }
        return ByteScanning.equalsLowercase(base, lowercase.utf8Start, count: name.count)
    }
}
