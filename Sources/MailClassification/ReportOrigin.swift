import MailParsing

/// Where a bounce report comes from and whom it is about, as far as the report itself tells: the failed
/// recipient's domain, the remote MTA that refused, the MTA that wrote the report, and a reporting system known by
/// its own header. Some providers word an unknown-user refusal in a way only their name makes certain
/// (`ProviderReadings`).
struct ReportOrigin: Sendable {
    var recipientDomain: String?
    var remoteMTA: String?
    var reportingMTA: String?
    /// A gateway that announces itself in a header of the report (McAfee's `X-NAI-Header`, IMail's `X-Mailer: <SMTP32 …>`).
    var gateway: String?

    static let unknown = ReportOrigin()

    init(recipient: String? = nil, remoteMTA: String? = nil, reportingMTA: String? = nil, gateway: String? = nil) {
        recipientDomain = recipient.flatMap { address in
            address.lastIndex(of: "@").map { address[address.index(after: $0)...].lowercased() }
        }
        self.remoteMTA = remoteMTA.flatMap(Self.hostName)
        self.reportingMTA = reportingMTA.flatMap(Self.hostName)
        self.gateway = gateway
    }

    /// The same origin about another recipient.
    func about(_ recipient: String, remoteMTA: String?) -> ReportOrigin {
        ReportOrigin(recipient: recipient, remoteMTA: remoteMTA ?? self.remoteMTA, reportingMTA: reportingMTA,
                     gateway: gateway)
    }

    /// The host name a Remote-MTA / Reporting-MTA value starts with ("mx.example.org (tcp-daemon)" → "mx.example.org").
    static func hostName(_ value: String) -> String? {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == "[" }).first.map { $0.lowercased() }
    }

    /// The gateway named by a header of the report itself.
    static func gateway(of message: Message) -> String? {
        if message.headers.value("X-NAI-Header") != nil { return "McAfee" }
        if message.headers.value("X-Mailer")?.hasPrefix("<SMTP32") == true { return "IMail" }
        return nil
    }

    /// Whether `host` is `domain` or one of its subdomains.
    static func host(_ host: String?, isIn domain: String) -> Bool {
        guard let host else { return false }
        let trimmed = host.hasSuffix(".") ? String(host.dropLast()) : host
        return trimmed == domain || trimmed.hasSuffix("." + domain)
    }
}
