#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Open iconv descriptors kept for reuse: opening one costs about as much as decoding a short part, and mail uses a
/// handful of charsets over and over.
///
/// A descriptor carries shift state and must not be used by two threads at once, so a caller takes one out of the
/// pool and hands it back when done; one that comes back is reset to its initial state first. Unicode encoding forms
/// are never pooled: their iconv modules remember the first call (a byte-order mark is read only then), so a reused
/// descriptor would not behave as a fresh one.
final class IconvDescriptorPool: @unchecked Sendable {
    static let shared = IconvDescriptorPool()

    /// Bounds on what the pool holds, whatever charset labels mail brings.
    private static let maxCharsets = 32
    private static let maxIdlePerCharset = 4

    private let lock = NSLock()
    private var idle: [String: [iconv_t]] = [:]

    /// A descriptor converting `charset` to UTF-8, or nil when iconv does not know the charset.
    func take(_ charset: String) -> iconv_t? {
        lock.lock()
        let pooled = idle[charset]?.popLast()
        lock.unlock()
        if let pooled { return pooled }
        return IconvConversion.open(charset)
    }

    /// Takes back a descriptor from `take`; closes it when the pool is full or the charset is never pooled.
    func giveBack(_ descriptor: iconv_t, charset: String) {
        guard Self.isReusable(charset) else {
            iconv_close(descriptor)
            return
        }
        // Back to the initial shift state, as a fresh descriptor starts.
        _ = iconv(descriptor, nil, nil, nil, nil)
        lock.lock()
        var kept = false
        if idle[charset] != nil || idle.count < Self.maxCharsets {
            if idle[charset, default: []].count < Self.maxIdlePerCharset {
                idle[charset, default: []].append(descriptor)
                kept = true
            }
        }
        lock.unlock()
        if !kept { iconv_close(descriptor) }
    }

    /// The alias table's only such name is UTF-7; any Unicode encoding form is kept out by its "UTF".
    private static func isReusable(_ charset: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in charset.utf8 {
            if ByteScanning.lowercased(previous.0) == UInt8(ascii: "u"),
               ByteScanning.lowercased(previous.1) == UInt8(ascii: "t"),
               ByteScanning.lowercased(byte) == UInt8(ascii: "f") { return false }
            previous = (previous.1, byte)
        }
        return true
    }
}
