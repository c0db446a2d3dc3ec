import Foundation
import IMAPClient
import TestSupport

/// Messages and session settings shared by the Dovecot integration tests.
enum IMAPTestMail {
    /// A CRLF message (Dovecot serves Maildir files as stored, so CRLF files come back byte for byte).
    static func message(_ number: Int, body: String = "", padding: Int = 0) -> [UInt8] {
        var text = "From: Lead \(number) <lead\(number)@example.com>\r\n"
            + "To: sales@example.test\r\n"
            + "Subject: Re: our offer #\(number) — naïve café\r\n"
            + "Message-ID: <m\(number)@example.com>\r\n"
            + "Date: Fri, 27 Nov 2026 03:00:00 +0000\r\n"
            + "\r\n"
            + "Reply number \(number).\r\n"
            + body
        if padding > 0 {
            let line = String(repeating: "x", count: 76) + "\r\n"
            text += String(repeating: line, count: padding / line.utf8.count + 1)
        }
        return Array(text.utf8)
    }

    static func settings(_ server: DovecotServer, security: IMAPSecurity = .startTLS,
                         user: DovecotServer.User = DovecotServer.alice, caFile: Bool = true,
                         batch: Int = 200) -> IMAPConnectionSettings {
        IMAPConnectionSettings(
            host: server.host, port: security == .implicitTLS ? server.imapsPort : server.imapPort,
            security: security, username: user.name, credential: .password(user.secret),
            caFile: caFile ? server.caFile : nil, connectTimeout: .seconds(10), operationTimeout: .seconds(30),
            fetchBatchSize: batch)
    }

    static func connectedSession(_ server: DovecotServer, security: IMAPSecurity = .startTLS,
                                 batch: Int = 200, ignoring: Set<String> = []) async throws -> IMAPSession {
        var settings = settings(server, security: security, batch: batch)
        settings.ignoredCapabilities = ignoring
        let session = IMAPSession(settings: settings)
        try await session.connect()
        return session
    }
}
