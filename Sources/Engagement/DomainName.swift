/// Checks on the domain part of an address that need no network: label syntax and names that can never receive mail.
public enum DomainName {
    /// RFC 2606 / RFC 6761 names that never deliver mail on the public internet.
    static let reservedSuffixes = ["example", "invalid", "localhost", "test", "local", "example.com", "example.net",
                                   "example.org"]

    public static func syntaxProblem(_ domain: String) -> String? {
        if domain.isEmpty { return "nothing after the @" }
        if domain.hasPrefix("[") { return "address literals ([1.2.3.4]) are not accepted for contacts" }
        if domain.utf8.count > 253 { return "domain longer than 253 bytes" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "domain \"\(domain)\" has no dot (no top-level domain)" }
        for label in labels {
            if label.isEmpty { return "empty label in domain \"\(domain)\"" }
            if label.utf8.count > 63 { return "domain label longer than 63 bytes" }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "domain label \"\(label)\" starts or ends with -" }
            for scalar in label.unicodeScalars where !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar.value > 0x7F) {
                return "character \"\(scalar)\" not allowed in domain \"\(domain)\""
            }
        }
        if let tld = labels.last, tld.allSatisfy({ $0.isNumber }) { return "top-level domain is numeric" }
        return nil
    }

    /// Why mail to this (syntactically valid) domain can never be delivered, or nil.
    public static func reservedProblem(_ domain: String) -> String? {
        for suffix in reservedSuffixes where domain == suffix || domain.hasSuffix("." + suffix) {
            return "domain \"\(domain)\" is reserved (RFC 2606/6761) and never receives mail"
        }
        return nil
    }
}
