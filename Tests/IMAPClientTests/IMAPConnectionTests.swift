import Testing
import IMAPClient
import TestSupport

/// Connecting and logging in to a real (private) Dovecot: TLS flavours, certificates, SASL mechanisms, failures.
@Suite struct IMAPConnectionTests {
    @Test func startTLSWithPrivateCA() async throws {
        let server = try DovecotServer()
        let session = IMAPSession(settings: IMAPTestMail.settings(server, security: .startTLS))
        try await session.connect()
        #expect(await session.capabilities.contains("IMAP4REV1"))
        let inbox = try await session.examine("INBOX")
        #expect(inbox.exists == 0 && inbox.readOnly)
        await session.logout()
        #expect(await !session.isConnected)
    }

    @Test func implicitTLSWithPrivateCA() async throws {
        let server = try DovecotServer()
        try server.deliver(IMAPTestMail.message(1))
        let session = IMAPSession(settings: IMAPTestMail.settings(server, security: .implicitTLS))
        try await session.connect()
        let inbox = try await session.examine()
        #expect(inbox.exists == 1)
    }

    @Test func implicitTLSWithoutTheCAFailsOnTheCertificate() async throws {
        let server = try DovecotServer()
        let session = IMAPSession(settings: IMAPTestMail.settings(server, security: .implicitTLS, caFile: false))
        let error = await #expect(throws: IMAPError.self) { try await session.connect() }
        #expect(error?.kind == .tlsFailed)
        #expect(error?.isTransient == false)
        #expect(error?.curlCode == 60)
        #expect(error?.description.contains("certificate") == true)
        #expect(error?.description.contains("127.0.0.1:\(server.imapsPort)") == true)
    }

    @Test func insecureModeConnectsWithoutTheCA() async throws {
        let server = try DovecotServer()
        var settings = IMAPTestMail.settings(server, security: .startTLS, caFile: false)
        settings.skipCertificateVerification = true
        let session = IMAPSession(settings: settings)
        try await session.connect()
        #expect(try await session.examine().exists == 0)
        #expect(settings.description.contains("CERTIFICATE VERIFICATION OFF"))
    }

    @Test(arguments: [IMAPAuthMechanism.xoauth2, .oauthBearer])
    func bearerTokenLogin(mechanism: IMAPAuthMechanism) async throws {
        let server = try DovecotServer()
        let user = DovecotServer.oauthUser
        var settings = IMAPTestMail.settings(server, user: user)
        settings.credential = .bearerToken(user.secret)
        settings.authMechanism = mechanism
        let session = IMAPSession(settings: settings)
        try await session.connect()
        #expect(try await session.examine().exists == 0)
    }

    @Test(arguments: [IMAPAuthMechanism.plain, .login])
    func passwordMechanisms(mechanism: IMAPAuthMechanism) async throws {
        let server = try DovecotServer()
        var settings = IMAPTestMail.settings(server)
        settings.authMechanism = mechanism
        let session = IMAPSession(settings: settings)
        try await session.connect()
        #expect(await session.isConnected)
    }

    @Test func wrongPasswordIsAnAuthenticationErrorWithoutThePassword() async throws {
        let server = try DovecotServer()
        var settings = IMAPTestMail.settings(server)
        settings.credential = .password("wrong-Secret-771")
        let session = IMAPSession(settings: settings)
        let error = await #expect(throws: IMAPError.self) { try await session.connect() }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.isTransient == false)
        #expect(error.map { "\($0)" }?.contains("wrong-Secret-771") == false)
        #expect(error.map { "\($0)" }?.contains(DovecotServer.alice.secret) == false)
    }

    @Test func wrongBearerTokenIsAnAuthenticationError() async throws {
        let server = try DovecotServer()
        var settings = IMAPTestMail.settings(server, user: DovecotServer.oauthUser)
        settings.credential = .bearerToken("ya29.expired")
        let session = IMAPSession(settings: settings)
        let error = await #expect(throws: IMAPError.self) { try await session.connect() }
        #expect(error?.kind == .authenticationFailed)
        #expect(error.map { "\($0)" }?.contains("ya29.expired") == false)
    }

    @Test func closedPortIsAConnectError() async throws {
        let port = try DovecotServer.freePort()
        let settings = IMAPConnectionSettings(host: "127.0.0.1", port: port, username: "u",
                                              credential: .password("p"), connectTimeout: .seconds(5))
        let session = IMAPSession(settings: settings)
        let error = await #expect(throws: IMAPError.self) { try await session.connect() }
        #expect(error?.kind == .connectFailed)
        #expect(error?.isTransient == true)
        #expect(error?.port == port)
    }

    @Test func startTLSIsRequiredSoNoPasswordGoesOutInClear() async throws {
        let server = try DovecotServer(tls: false)
        let session = IMAPSession(settings: IMAPTestMail.settings(server, security: .startTLS))
        let error = await #expect(throws: IMAPError.self) { try await session.connect() }
        #expect(error?.kind == .tlsFailed)
        #expect(error?.isTransient == false)
        #expect(error?.description.contains("STARTTLS") == true)
        #expect(!server.log().contains("Login: user=<\(DovecotServer.alice.name)>"))
    }

    @Test func plainConnectionOnlyWhenAskedFor() async throws {
        let server = try DovecotServer(tls: false)
        let session = IMAPSession(settings: IMAPTestMail.settings(server, security: .none, caFile: false))
        try await session.connect()
        #expect(try await session.examine().exists == 0)
    }

    @Test func missingMailboxIsACommandFailureNamingIt() async throws {
        let server = try DovecotServer()
        let session = try await IMAPTestMail.connectedSession(server)
        let error = await #expect(throws: IMAPError.self) { try await session.examine("No Such Box") }
        #expect(error?.kind == .commandFailed)
        #expect(error?.serverResponse?.contains("doesn't exist") == true)
        #expect(error?.mailbox == "No Such Box")
        #expect(await session.isConnected)
    }
}
