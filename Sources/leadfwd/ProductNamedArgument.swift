import ArgumentParser
import Engagement

// Status names are typed as shown ("Do Not Contact", quoted) or in kebab case (do-not-contact).
extension EngagementStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(userInput: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension RecordStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(userInput: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension UnenrollChannel: ExpressibleByArgument {}

extension OptOutChannel: ExpressibleByArgument {
    public init?(argument: String) {
        let wanted = argument.lowercased().replacingOccurrences(of: "-", with: "")
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = match
    }
}
