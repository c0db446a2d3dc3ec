/// The "Validate Email Address" bulk action, done without credits or network: syntax plus a DNS-less domain check.
public struct EmailValidation: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable { case valid, invalid }

    public var address: String
    public var verdict: Verdict
    public var reason: String?

    /// Printed with every validation report so nobody mistakes "valid" for "deliverable".
    public static let limitations = "Checked: address syntax and the domain name's form, reserved domains refused. "
        + "Not checked: that the domain exists in DNS or has MX records, that the mailbox exists, that it accepts mail, "
        + "or whether it is a catch-all or disposable address."

    public init(address: String) {
        self.address = address
        if let problem = EmailAddress.syntaxProblem(address) {
            verdict = .invalid
            reason = problem
        } else if let domain = address.split(separator: "@").last,
                  let problem = DomainName.reservedProblem(String(domain)) {
            verdict = .invalid
            reason = problem
        } else {
            verdict = .valid
            reason = nil
        }
    }
}
