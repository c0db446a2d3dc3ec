#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Header field names nearly every message carries (RFC 5322, MIME, RFC 3464 and the usual trace fields), spelled
/// as mailers write them. A field whose name is byte-for-byte one of these reuses the stored string instead of
/// building and validating a new one: a message has dozens of fields and most of their names are in this list.
enum CommonFieldNames {
    private static let names: [String] = [
        "Received", "Content-Type", "To", "From", "Subject", "Date", "Content-Transfer-Encoding", "Return-Path",
        "MIME-Version", "Mime-Version", "Message-Id", "Message-ID", "Content-Description", "Content-Disposition",
        "Cc", "Reply-To", "In-Reply-To", "References", "Delivered-To", "Auto-Submitted", "Authentication-Results",
        "DKIM-Signature", "X-Mailer", "X-Received", "Received-SPF", "User-Agent", "Content-type",
        "Reporting-MTA", "Arrival-Date", "Received-From-MTA", "Final-Recipient", "Original-Recipient", "Action",
        "Status", "Remote-MTA", "Diagnostic-Code", "Last-Attempt-Date", "Will-Retry-Until", "X-Original-To",
        "X-Failed-Recipients", "Precedence", "List-Unsubscribe", "Sender", "Return-path",
    ]

    /// The names grouped by UTF-8 length, with their bytes, so a lookup compares only names of the right length.
    private static let byLength: [[(bytes: [UInt8], name: String)]] = {
        var table = Array(repeating: [(bytes: [UInt8], name: String)](), count: 33)
        for name in names where name.utf8.count < table.count {
            table[name.utf8.count].append((Array(name.utf8), name))
        }
        return table
    }()

    /// The stored string equal to `buffer[range]`, or nil when the name is not a common one.
    static func name(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        let length = range.count
        guard length > 0, length < byLength.count, let base = buffer.baseAddress else { return nil }
        for candidate in byLength[length] {
            let same = candidate.bytes.withUnsafeBufferPointer { stored in
                stored.baseAddress.map { memcmp($0, base + range.lowerBound, length) == 0 } ?? false
            }
            if same { return candidate.name }
        }
        return nil
    }
}
