/// The fields an import carries for a contact. `nil` leaves an existing value alone on re-import;
/// tags and segments are added to what the contact already has, never removed.
public struct ContactProfile: Sendable, Codable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var company: String?
    public var customFields: [String: String]
    public var tags: [String]
    public var segments: [String]

    public init(firstName: String? = nil, lastName: String? = nil, company: String? = nil,
                customFields: [String: String] = [:], tags: [String] = [], segments: [String] = []) {
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.customFields = customFields
        self.tags = tags
        self.segments = segments
    }
}

extension ContactProfile {
    /// Missing keys mean "nothing given", so hand-written JSON (`{"firstName":"Ada"}`) decodes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(firstName: try container.decodeIfPresent(String.self, forKey: .firstName),
                  lastName: try container.decodeIfPresent(String.self, forKey: .lastName),
                  company: try container.decodeIfPresent(String.self, forKey: .company),
                  customFields: try container.decodeIfPresent([String: String].self, forKey: .customFields) ?? [:],
                  tags: try container.decodeIfPresent([String].self, forKey: .tags) ?? [],
                  segments: try container.decodeIfPresent([String].self, forKey: .segments) ?? [])
    }
}
