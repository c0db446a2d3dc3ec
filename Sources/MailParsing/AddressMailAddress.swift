/// One mailbox from an address header: `"Pat O'Brien" <pat@example.com>` → displayName "Pat O'Brien",
/// address "pat@example.com".
public struct MailAddress: Sendable, Hashable, Codable {
    public var displayName: String?
    /// `local@domain`: the local part as written (case kept, quotes kept where needed), the domain lowercased.
    public var address: String

    public init(displayName: String? = nil, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// The part before the last `@`.
    public var localPart: Substring {
        guard let at = address.lastIndex(of: "@") else { return Substring(address) }
        return address[..<at]
    }

    /// The part after the last `@` (lowercased when the address came from `AddressParser`).
    public var domain: Substring {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...]
    }
}
