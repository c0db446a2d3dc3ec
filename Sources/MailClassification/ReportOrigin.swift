import MailParsing

/// Where a bounce report comes from and whom it is about, as far as the report itself tells: the failed
/// recipient's domain, the remote MTA that refused, the MTA that wrote the report, and a reporting system known by
/// its own header. Some providers word an unknown-user refusal in a way only their name makes certain
/// (`ProviderReadings`).
struct ReportOrigin: Sendable {
    /// The values as the report gives them, read for host names only when a reading asks (few get that far): most
    /// recipients' reasons are settled by their wording alone.
    private var recipient: String?
    private var remoteMTAValue: String?
    private var reportingMTAValue: String?
    /// The report's own headers, kept to be read for `gateway` only when a reading asks (few get that far). Boxed:
    /// an origin is copied for every recipient and reading, and a `HeaderSection?` field made each copy (and each
    /// destruction) go through the generic value witnesses, about a thousand instructions per bounce.
    private var reportHeaders: ReportHeaders?

    private final class ReportHeaders: Sendable {
        let headers: HeaderSection

        init(_ headers: HeaderSection) { self.headers = headers }
    }

    /// The failed recipient's domain, lowercased.
    var recipientDomain: String? { recipient.flatMap(\.lowercasedDomain) }
    /// The host name of the MTA that refused.
    var remoteMTA: String? { remoteMTAValue.flatMap(Self.hostName) }
    /// The host name of the MTA that wrote the report.
    var reportingMTA: String? { reportingMTAValue.flatMap(Self.hostName) }

    /// The three host names, read once for a reading that compares each with several providers.
    struct Hosts {
        let recipientDomain: String?
        let remoteMTA: String?
        let reportingMTA: String?
    }

    var hosts: Hosts { Hosts(recipientDomain: recipientDomain, remoteMTA: remoteMTA, reportingMTA: reportingMTA) }

    /// A gateway that announces itself in a header of the report (McAfee's `X-NAI-Header`, IMail's `X-Mailer: <SMTP32 …>`).
    var gateway: String? { reportHeaders.flatMap { Self.gateway(in: $0.headers) } }

    static let unknown = ReportOrigin()

    /// `reportHeaders`: the headers of the report itself, where a gateway may announce itself.
    init(recipient: String? = nil, remoteMTA: String? = nil, reportingMTA: String? = nil,
         reportHeaders: HeaderSection? = nil) {
        self.recipient = recipient
        remoteMTAValue = remoteMTA
        reportingMTAValue = reportingMTA
        self.reportHeaders = reportHeaders.map(ReportHeaders.init)
    }

    /// The same origin about another recipient, refused by `remoteMTA` when one is given.
    func about(_ recipient: String, remoteMTA: String?) -> ReportOrigin {
        var origin = self
        origin.recipient = recipient
        if let remoteMTA { origin.remoteMTAValue = remoteMTA }
        return origin
    }

    /// The host name a Remote-MTA / Reporting-MTA value starts with ("mx.example.org (tcp-daemon)" → "mx.example.org").
    /// ASCII values, where every character but CR LF is one byte, are read by bytes.
    static func hostName(_ value: String) -> String? {
        let isSeparator: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x28 || $0 == 0x5B }
        let ascii: String?? = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard let start = bytes.firstIndex(where: { !isSeparator($0) }) else { return .some(nil) }
            let end = bytes[start...].firstIndex(where: isSeparator) ?? bytes.endIndex
            // A value that is its host name already, in lowercase (the usual one), is kept as it is: no copy.
            if start == 0, end == bytes.count, !bytes.contains(where: { $0 &- 0x41 < 26 }) { return .some(value) }
            return .some(String(asciiLowercasing: bytes[start..<end]))
        } ?? nil
        if let ascii { return ascii }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == "[" }).first.map { $0.lowercased() }
    }

    /// The gateway named by a header of the report itself.
    private static func gateway(in headers: HeaderSection) -> String? {
        if headers.value("X-NAI-Header") != nil { return "McAfee" }
        if headers.value("X-Mailer")?.hasPrefix("<SMTP32") == true { return "IMail" }
        return nil
    }

    /// Whether `host` is `domain` or one of its subdomains.
    static func host(_ host: String?, isIn domain: String) -> Bool {
        guard let host else { return false }
        // Read in place where both are contiguous (native strings and literals are): no copy to make them so.
        let ascii: Bool?? = host.utf8.withContiguousStorageIfAvailable { name in
            domain.utf8.withContiguousStorageIfAvailable { suffix -> Bool? in
                guard !name.contains(where: { $0 >= 0x80 }), !suffix.contains(where: { $0 >= 0x80 }) else { return nil }
                // ASCII: every character but CR LF is one byte, so comparing bytes is comparing characters.
                let count = name.last == UInt8(ascii: ".") ? name.count - 1 : name.count
                if count == suffix.count { return name.prefix(count).elementsEqual(suffix) }
                guard count > suffix.count else { return false }
                let dot = count - suffix.count - 1
                return name[dot] == UInt8(ascii: ".") && name[(dot + 1)..<count].elementsEqual(suffix)
            } ?? nil
        }
        if let ascii = ascii ?? nil { return ascii }
        let trimmed = host.hasSuffix(".") ? String(host.dropLast()) : host
        return trimmed == domain || trimmed.hasSuffix("." + domain)
    }
}
