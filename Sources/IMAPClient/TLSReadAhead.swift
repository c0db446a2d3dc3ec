import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lets OpenSSL read ahead on a connection libcurl set up.
///
/// Without it, libcurl's OpenSSL reads each TLS record with two system calls, its 5-byte header and then its body: a
/// mailbox fetched in 4 KB records costs two `recvfrom` per 4 KB. With read-ahead, one read takes what the socket holds
/// (up to OpenSSL's 16 KB buffer) and the records in it are decrypted without further calls. Nothing else changes:
/// `CurlTransport.receive` already asks libcurl for data before waiting on the socket, so bytes OpenSSL holds are
/// never left waiting.
enum TLSReadAhead {
    private typealias SetReadAhead = @convention(c) (UnsafeMutableRawPointer, Int32) -> Void

    /// OpenSSL's `SSL_set_read_ahead`, looked up at run time: libcurl loaded libssl, but this module does not link it
    /// (libcurl may use another TLS library, where there is nothing to do).
    private static let setReadAhead: SetReadAhead? = {
        #if canImport(Glibc)
        // A nil handle is RTLD_DEFAULT: every library loaded so far.
        guard let symbol = dlsym(nil, "SSL_set_read_ahead") else { return nil }
        return unsafeBitCast(symbol, to: SetReadAhead.self)
        #else
        return nil
        #endif
    }()

    /// Does nothing on a connection without TLS, or when libcurl's TLS library is not OpenSSL.
    static func enable(on handle: UnsafeMutableRawPointer) {
        // CURLINFO_TLS_SSL_PTR answers with a `struct curl_tlssessioninfo *`; the shim's getter passes any pointer.
        var answer: UnsafeMutablePointer<CChar>?
        guard lf_getinfo_string(handle, CURLINFO_TLS_SSL_PTR, &answer) == CURLE_OK, let answer else { return }
        let session = UnsafeRawPointer(answer).load(as: curl_tlssessioninfo.self)
        guard session.backend == CURLSSLBACKEND_OPENSSL, let ssl = session.internals, let setReadAhead else { return }
        setReadAhead(ssl, 1)
    }
}
