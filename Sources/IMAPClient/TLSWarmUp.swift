import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds OpenSSL's one-time state for a client TLS context on another thread while the process's first connection
/// waits for the server's greeting, instead of after STARTTLS, where the connection waits for it.
///
/// The first `SSL_CTX_new` of a process fetches every cipher and digest from OpenSSL's providers, and the first CA file
/// read sets up its certificate decoders: millions of instructions, which OpenSSL then keeps for the whole process. A
/// context built and freed here fills those caches; libcurl's own context, built a few round trips later, finds them
/// filled. The functions are looked up at run time, as in `TLSReadAhead`: libcurl loaded libssl, this module does not
/// link it, and with another TLS library there is nothing to do.
enum TLSWarmUp {
    private typealias ClientMethod = @convention(c) () -> OpaquePointer?
    private typealias NewContext = @convention(c) (OpaquePointer?) -> OpaquePointer?
    private typealias LoadLocations = @convention(c)
        (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    private typealias FreeContext = @convention(c) (OpaquePointer?) -> Void

    private static let started = Atomic<Bool>(false)

    /// Starts the warm-up the first time it is called in the process; later calls do nothing. `caFile`: the CA file
    /// the connection will trust, read once here (its result is dropped) so that its decoders are ready.
    static func start(caFile: String?) {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        #if canImport(Glibc)
        // A nil handle is RTLD_DEFAULT: every library loaded so far.
        guard let method = dlsym(nil, "TLS_client_method"), let new = dlsym(nil, "SSL_CTX_new"),
              let load = dlsym(nil, "SSL_CTX_load_verify_locations"),
              let free = dlsym(nil, "SSL_CTX_free") else { return }
        let clientMethod = unsafeBitCast(method, to: ClientMethod.self)
        let newContext = unsafeBitCast(new, to: NewContext.self)
        let loadLocations = unsafeBitCast(load, to: LoadLocations.self)
        let freeContext = unsafeBitCast(free, to: FreeContext.self)
        DispatchQueue.global().async {
            guard let context = newContext(clientMethod()) else { return }
            if let caFile { _ = loadLocations(context, caFile, nil) }
            freeContext(context)
        }
        #endif
    }
}
