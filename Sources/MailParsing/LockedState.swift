#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A value guarded by a pthread mutex, both in one allocation (the mutex is the buffer's one tail element), for the
/// lazily filled caches of parsed values (`MessageHeaderCache`, `DeferredInlineText`). Every parsed message makes
/// such a cache, so it costs one small allocation, not an `NSLock` object or a separately allocated mutex
/// (`Synchronization.Mutex` needs macOS 15; the package supports macOS 13).
/// Shared by copies (a reference), and safe across threads: `State` is only reached under the lock.
struct LockedState<State>: @unchecked Sendable {
    private final class Storage: ManagedBuffer<State, pthread_mutex_t> {
        deinit {
            withUnsafeMutablePointerToElements { _ = pthread_mutex_destroy($0) }
        }
    }

    private let storage: Storage

    /// `initial` is made in the new storage itself: a value passed in was copied there and the original destroyed,
    /// for every parsed message's cache.
    init(_ initial: @autoclosure () -> State) {
        storage = unsafeDowncast(Storage.create(minimumCapacity: 1) { _ in initial() }, to: Storage.self)
        storage.withUnsafeMutablePointerToElements { _ = pthread_mutex_init($0, nil) }
    }

    func withLock<Result>(_ body: (inout State) -> Result) -> Result {
        storage.withUnsafeMutablePointers { state, mutex in
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return body(&state.pointee)
        }
    }
}
