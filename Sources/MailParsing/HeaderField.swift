/// One header field as it appeared, in order. Malformed lines are kept too (see `isMalformed`).
public struct HeaderField: Sendable, Hashable, Codable {
    /// The field name as written (case preserved); empty for a line that had no name at all.
    public var name: String
    /// The value unfolded (line breaks before continuation whitespace removed), trimmed, not decoded.
    public var rawValue: String
    /// `rawValue` with RFC 2047 encoded words decoded.
    public var value: String
    /// True when the line did not have the `name: value` shape; `rawValue` then holds the whole line.
    public var isMalformed: Bool

    public init(name: String, rawValue: String, value: String? = nil, isMalformed: Bool = false) {
        self.name = name
        self.rawValue = rawValue
        self.value = value ?? EncodedWordDecoder.decode(rawValue)
        self.isMalformed = isMalformed
    }

    /// Whether this field's name equals `other`, ignoring ASCII case.
    public func hasName(_ other: String) -> Bool { name.equalsIgnoringASCIICase(other) }
}
