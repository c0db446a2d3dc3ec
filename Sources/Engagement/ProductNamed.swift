/// A value whose raw value is the name the product shows ("Do Not Contact"), typed by people in many spellings.
public protocol ProductNamed: RawRepresentable, CaseIterable where RawValue == String {}

extension ProductNamed {
    /// Accepts the product name in any case, or with `-`/`_` for spaces ("do-not-contact", "bad_email").
    public init?(userInput: String) {
        let wanted = userInput.lowercased().replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "_", with: " ")
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = match
    }
}
