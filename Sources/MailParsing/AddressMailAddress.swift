/// One mailbox from an address header: `"Pat O'Brien" <pat@example.com>` → displayName "Pat O'Brien",
/// address "pat@example.com".
public struct MailAddress: Sendable, Hashable, Codable {
    /// The display name as set, or, for a mailbox read from a message's headers, as written there (RFC 2047 encoded
    /// words not yet decoded). Most names read from a message are never looked at, and decoding each when the list
    /// was read cost more than reading the list; `displayName` decodes the one that is read.
    private var storedName: String?
    /// Whether `storedName` is still as written in the header, to be decoded on reading.
    private var nameIsWritten = false

    /// RFC 2047 encoded words decoded.
    public var displayName: String? {
        get { nameIsWritten ? storedName.map(EncodedWordDecoder.decode) : storedName }
        set {
            storedName = newValue
            nameIsWritten = false
        }
    }

    /// The display name as stored: for a mailbox read from a message's headers, as written there, RFC 2047 encoded
    /// words not decoded. Equal to `displayName` unless `displayNameHoldsEncodedWord`, so a reader that only looks
    /// for plain words in names can look here and decode only the names that need it.
    public var writtenDisplayName: String? { storedName }

    /// Whether `displayName` is decoded from `writtenDisplayName`: the name was read from a header and holds the start
    /// of an encoded word ("=?"). When false the two are the same text, and reading `writtenDisplayName` skips the
    /// decoder's own pass over the name.
    public var displayNameHoldsEncodedWord: Bool {
        guard nameIsWritten, let storedName else { return false }
        return EncodedWordDecoder.containsEncodedWordStart(storedName)
    }

    /// `local@domain`: the local part as written (case kept, quotes kept where needed), the domain lowercased.
    public var address: String

    public init(displayName: String? = nil, address: String) {
        self.storedName = displayName
        self.address = address
    }

    /// Takes the display name as written in a header, RFC 2047 encoded words not yet decoded: `displayName` gives
    /// it decoded.
    mutating func takeDisplayNameAsWritten() {
        nameIsWritten = storedName != nil
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

    // Equality, hashing and coding are those of the two public values (a written name counts as its decoded form),
    // in the order the compiler's own conformances used.

    public static func == (lhs: MailAddress, rhs: MailAddress) -> Bool {
        lhs.address == rhs.address && lhs.displayName == rhs.displayName
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(displayName)
        hasher.combine(address)
    }

    private enum CodingKeys: String, CodingKey {
        case displayName, address
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storedName = try container.decodeIfPresent(String.self, forKey: .displayName)
        address = try container.decode(String.self, forKey: .address)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encode(address, forKey: .address)
    }
}
