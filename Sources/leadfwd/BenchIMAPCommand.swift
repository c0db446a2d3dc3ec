import ArgumentParser
import Foundation
import IMAPClient

/// `leadfwd bench imap`: fetch every message of a mailbox in batches, as the worker does, and print the rate.
struct BenchIMAPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imap",
        abstract: "Fetch a whole IMAP mailbox (BODY.PEEK[], batched) and print messages/s and MB/s.",
        discussion: """
            The mailbox is opened read-only (EXAMINE); nothing is changed on the server.
            Example: leadfwd bench imap --url imap://127.0.0.1:1143/INBOX --user bench --password-env BENCH_PASSWORD \
            --ca-file ca.pem
            scripts/bench-imap runs this against a private Dovecot beside a Python imaplib fetch of the same mailbox.
            """
    )

    @Option(help: "Mailbox URL: imaps://host[:port]/MAILBOX (implicit TLS) or imap://host[:port]/MAILBOX (STARTTLS).")
    var url: String

    @Option(help: "User name to log in with.")
    var user: String

    @Option(name: .customLong("password-env"), help: "Name of the environment variable holding the password.")
    var passwordEnv: String?

    @Option(name: .customLong("token-env"),
            help: "Name of the environment variable holding an OAuth2 bearer token (XOAUTH2/OAUTHBEARER).")
    var tokenEnv: String?

    @Option(help: "UIDs per UID FETCH command.")
    var batch: Int = 200

    @Option(name: .customLong("ca-file"), help: "PEM file of CA certificates to trust (a private CA).")
    var caFile: String?

    @Flag(name: .customLong("no-tls"), help: "Plain imap:// without STARTTLS (loopback tests only; sends the password in clear).")
    var noTLS = false

    @Flag(name: .customLong("insecure-skip-verify"), help: "Do not verify the server certificate (tests only).")
    var insecureSkipVerify = false

    func validate() throws {
        guard (passwordEnv == nil) != (tokenEnv == nil) else {
            throw ValidationError("Give exactly one of --password-env NAME or --token-env NAME.")
        }
        guard batch > 0 else { throw ValidationError("--batch must be at least 1.") }
    }

    func run() async throws {
        let variable = passwordEnv ?? tokenEnv ?? ""
        guard let secret = ProcessInfo.processInfo.environment[variable], !secret.isEmpty else {
            throw ValidationError("Environment variable \(variable) is not set: export \(variable)=… first.")
        }
        let location = try IMAPMailboxURL(url)
        let settings = IMAPConnectionSettings(
            host: location.host, port: location.port, security: noTLS ? .none : location.security, username: user,
            credential: passwordEnv != nil ? .password(secret) : .bearerToken(secret), caFile: caFile,
            skipCertificateVerification: insecureSkipVerify, fetchBatchSize: batch)
        if insecureSkipVerify {
            FileHandle.standardError.write(Data("WARNING: certificate verification is OFF for \(location.host)\n".utf8))
        }

        let clock = ContinuousClock()
        let session = IMAPSession(settings: settings)
        let connectStart = clock.now
        try await session.connect()
        let connected = clock.now - connectStart
        try await session.examine(location.mailbox)
        let uids = try await session.uidSearch(after: 0)

        let fetchStart = clock.now
        var messages = 0
        var bytes = 0
        var index = 0
        while index < uids.count {
            let slice = Array(uids[index..<min(index + batch, uids.count)])
            // Pipelined as the worker does: the next batch's command waits at the server while this one is read.
            let next = Array(uids[min(index + batch, uids.count)..<min(index + 2 * batch, uids.count)])
            for message in try await session.fetch(uids: slice, thenQueue: next) {
                messages += 1
                bytes += message.bytes.count
            }
            index += batch
        }
        let finished = clock.now
        await session.logout()

        // The headline window is imaplib's (scripts/imaplib-fetch-bench): connecting to the last message.
        let seconds = max(Self.seconds(finished - connectStart), 1e-9)
        let fetching = max(Self.seconds(finished - fetchStart), 1e-9)
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "leadfwd IMAPClient: %d messages, %.1f MB in %.3f s: %.0f msg/s, %.1f MB/s "
                     + "(batch %d, %@, login included: %.0f ms; fetch phase alone %.3f s: %.0f msg/s)",
                     messages, megabytes, seconds, Double(messages) / seconds, megabytes / seconds, batch,
                     settings.security.rawValue, Self.seconds(connected) * 1000, fetching, Double(messages) / fetching))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
