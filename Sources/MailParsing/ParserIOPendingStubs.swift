import Foundation

// TEMPORARY: minimal stand-ins for the types branch `parserio` owns (MailAddress,
// AddressParser, MailDate). This file is deleted when that branch is merged.

public struct MailAddress: Sendable, Hashable, Codable {
    public var displayName: String?
    public var address: String
    public init(displayName: String?, address: String) {
        self.displayName = displayName
        self.address = address
    }
}

public enum AddressParser {
    public static func parseList(_ value: String) -> [MailAddress] {
        value.split(separator: ",").compactMap { item in
            let text = String(item)
            if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
                let address = String(text[text.index(after: open)..<close]).trimmingMailWhitespace
                let name = EncodedWordDecoder.decode(String(text[..<open]).trimmingMailWhitespace)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                return address.contains("@") ? MailAddress(displayName: name.isEmpty ? nil : name, address: address) : nil
            }
            let bare = text.trimmingMailWhitespace
            return bare.contains("@") ? MailAddress(displayName: nil, address: bare) : nil
        }
    }

    public static func findAddresses(in text: String) -> [String] {
        text.split(whereSeparator: { " \t\n<>;,()\"'".contains($0) }).filter { $0.contains("@") }.map(String.init)
    }
}

public enum MailDate {
    public static func parse(_ value: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z"] {
            formatter.dateFormat = format
            var text = value.trimmingMailWhitespace
            if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]).trimmingMailWhitespace }
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
