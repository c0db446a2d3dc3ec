#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A bare pthread mutex for the lazily filled caches of parsed values (`MessageHeaderCache`, `DeferredInlineText`):
/// every parsed message makes such a cache, so the lock is one small allocation rather than an `NSLock` object
/// (`Synchronization.Mutex` needs macOS 15; the package supports macOS 13). The class holding it calls `destroy()`
/// in its `deinit`, exactly once.
struct HeapMutex: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    func destroy() {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
