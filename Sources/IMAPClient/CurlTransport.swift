import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcurl's process-wide state, initialised exactly once (Swift runs a static initialiser once, thread-safely).
enum CurlRuntime {
    static let initialized: Bool = {
        lf_ignore_sigpipe_if_default()
        return lf_global_init_default() == CURLE_OK
    }()
}

/// One TCP (+TLS) connection, established and authenticated by libcurl in CONNECT_ONLY mode, then used as a raw
/// byte pipe. Not thread-safe: owned by one `IMAPProtocolConnection`.
final class CurlTransport {
    private var handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var socket: curl_socket_t = -1
    private var readAheadRequested = false
    let host: String
    let port: Int

    init(settings: IMAPConnectionSettings) throws(IMAPError) {
        host = settings.host
        port = settings.effectivePort
        let size = Int(lf_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        // Once every stored property is set, a throwing init still runs deinit, which frees the buffer and handle.
        guard CurlRuntime.initialized, let handle = curl_easy_init() else {
            throw IMAPError(.connectFailed, host: host, port: port, detail: "libcurl could not be initialised")
        }
        self.handle = handle
        do throws(IMAPError) {
            try configure(handle, settings)
            let code = curl_easy_perform(handle)
            guard code == CURLE_OK else { throw connectError(code, settings) }
            var active: curl_socket_t = -1
            guard lf_getinfo_socket(handle, &active) == CURLE_OK, active >= 0 else {
                throw IMAPError(.connectionLost, host: host, port: port, detail: "no socket after login")
            }
            socket = active
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }

    func close() {
        // libcurl's cleanup says LOGOUT with its own IMAP state machine and waits for the answer; on a connection we
        // drove ourselves (possibly mid-response) that could read our leftovers for minutes. We say LOGOUT ourselves
        // when appropriate, so shut the socket first and let libcurl's goodbye fail at once.
        if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        socket = -1
    }

    var isOpen: Bool { handle != nil }

    private func configure(_ handle: UnsafeMutableRawPointer, _ settings: IMAPConnectionSettings) throws(IMAPError) {
        let scheme = settings.security == .implicitTLS ? "imaps" : "imap"
        let hostPart = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        var options: [(CURLoption, Int)] = [
            (CURLOPT_CONNECT_ONLY, 1),
            (CURLOPT_NOSIGNAL, 1),
            (CURLOPT_TCP_KEEPALIVE, 1),
            (CURLOPT_SASL_IR, 1),
            (CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)),
            // Covers connect, TLS and login together.
            (CURLOPT_TIMEOUT_MS, Self.milliseconds(settings.connectTimeout + settings.operationTimeout)),
            (CURLOPT_USE_SSL, Int(settings.security == .none ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue)),
        ]
        if settings.skipCertificateVerification {
            options += [(CURLOPT_SSL_VERIFYPEER, 0), (CURLOPT_SSL_VERIFYHOST, 0)]
        } else {
            options += [(CURLOPT_SSL_VERIFYPEER, 1), (CURLOPT_SSL_VERIFYHOST, 2)]
        }
        var strings: [(CURLoption, String)] = [
            (CURLOPT_URL, "\(scheme)://\(hostPart):\(settings.effectivePort)/"),
            (CURLOPT_USERNAME, settings.username),
        ]
        switch settings.credential {
        case .password(let secret): strings.append((CURLOPT_PASSWORD, secret))
        case .bearerToken(let token): strings.append((CURLOPT_XOAUTH2_BEARER, token))
        }
        if let mechanism = settings.authMechanism {
            strings.append((CURLOPT_LOGIN_OPTIONS, "AUTH=\(mechanism.rawValue)"))
        }
        if let caFile = settings.caFile { strings.append((CURLOPT_CAINFO, caFile)) }

        var failed: CURLcode? = lf_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer) == CURLE_OK
            ? nil : CURLE_FAILED_INIT
        for (option, value) in options where failed == nil {
            let code = lf_setopt_long(handle, option, value)
            if code != CURLE_OK { failed = code }
        }
        for (option, value) in strings where failed == nil {
            // libcurl copies string options, so the temporary C string may go away after the call.
            let code = lf_setopt_string(handle, option, value)
            if code != CURLE_OK { failed = code }
        }
        if let failed {
            throw IMAPError(.invalidArgument, host: host, port: port, curlCode: Int(failed.rawValue),
                            curlMessage: Self.message(for: failed), detail: "libcurl rejected an option")
        }
        if settings.security != .none {
            // Best effort: a TLS library without the option keeps its own order, which is just as safe.
            _ = lf_setopt_string(handle, CURLOPT_TLS13_CIPHERS, Self.tls13CipherPreference)
        }
    }

    /// TLS 1.3's three suites, AES-128-GCM first. Every message crosses the connection encrypted, and OpenSSL's default
    /// order puts AES-256-GCM first: AES-128-GCM (TLS 1.3's mandatory suite) does the same job with 10 AES rounds
    /// instead of 14, on our side and on the server's, which follows the client's preference unless told otherwise.
    static let tls13CipherPreference = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"

    private func connectError(_ code: CURLcode, _ settings: IMAPConnectionSettings) -> IMAPError {
        let kind: IMAPError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT:
            kind = .tlsFailed
        case CURLE_LOGIN_DENIED:
            kind = .authenticationFailed
        case CURLE_WEIRD_SERVER_REPLY, CURLE_UNSUPPORTED_PROTOCOL:
            kind = .protocolError
        case CURLE_REMOTE_ACCESS_DENIED:
            kind = .authenticationFailed
        default:
            kind = .connectionLost
        }
        var detail: String?
        if kind == .authenticationFailed, case .bearerToken = settings.credential {
            detail = "the token was refused, or the server offers neither XOAUTH2 nor OAUTHBEARER"
        }
        return IMAPError(kind, host: host, port: port, command: "connect and log in as \(settings.username)",
                         curlCode: Int(code.rawValue), curlMessage: message(for: code), detail: detail)
    }

    /// The specific text libcurl wrote for the last failure, else its generic text for the code.
    private func message(for code: CURLcode) -> String {
        let specific = String(cString: errorBuffer)
        return specific.isEmpty ? Self.message(for: code) : specific
    }

    private static func message(for code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    // MARK: Byte pipe

    /// Sends all bytes, waiting for the socket to accept them until `timeout` passes without progress.
    func send(_ bytes: [UInt8], timeout: Duration) throws(IMAPError) {
        guard let handle else { throw lost("not connected") }
        var offset = 0
        var deadline = ContinuousClock.now + timeout
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { raw in
                curl_easy_send(handle, raw.baseAddress! + offset, raw.count - offset, &sent)
            }
            if code == CURLE_OK {
                offset += sent
                deadline = ContinuousClock.now + timeout
                if !readAheadRequested {
                    // Only now: libcurl attaches the connection (and its TLS session) to the handle at the first
                    // send or receive after a CONNECT_ONLY perform.
                    readAheadRequested = true
                    TLSReadAhead.enable(on: handle)
                }
            } else if code == CURLE_AGAIN {
                guard try wait(for: Int16(POLLOUT), until: deadline) else {
                    throw IMAPError(.timeout, host: host, port: port, detail: "server stopped accepting data")
                }
            } else {
                throw lost(code)
            }
        }
    }

    /// Reads what is available (at least one byte) into `buffer`. Returns nil when `deadline` passes first.
    func receive(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) throws(IMAPError) -> Int? {
        guard let handle else { throw lost("not connected") }
        while true {
            var received = 0
            // libcurl's TLS layer may hold decrypted bytes the socket no longer shows: always try recv before poll.
            let code = curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received)
            if code == CURLE_OK {
                guard received > 0 else { throw lost("the server closed the connection") }
                return received
            }
            guard code == CURLE_AGAIN else { throw lost(code) }
            guard try wait(for: Int16(POLLIN), until: deadline) else { return nil }
        }
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(IMAPError) -> Bool {
        while true {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return false }
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: max(1, Self.milliseconds(remaining))))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { throw lost("poll failed: errno \(errno)") }
        }
    }

    private func lost(_ code: CURLcode) -> IMAPError {
        IMAPError(.connectionLost, host: host, port: port, curlCode: Int(code.rawValue),
                  curlMessage: message(for: code))
    }

    private func lost(_ detail: String) -> IMAPError {
        IMAPError(.connectionLost, host: host, port: port, detail: detail)
    }
}
