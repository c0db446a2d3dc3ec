#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One conversion to UTF-8 through the C library's iconv.
///
/// Charsets from the alias table reuse descriptors from `IconvDescriptorPool`; any other label gets a descriptor of
/// its own, closed after the call, so nothing mail names can fill the pool.
enum IconvConversion {
    enum Outcome: Equatable {
        /// Every byte decoded; `incompleteTail` when the input ended inside a multi-byte character (shown as U+FFFD).
        case decoded(String, incompleteTail: Bool)
        /// A byte sequence the charset does not define.
        case invalid
        /// iconv does not know the charset name.
        case unsupported
    }

    static func isSupported(_ charset: String) -> Bool {
        guard let descriptor = open(charset) else { return false }
        iconv_close(descriptor)
        return true
    }

    static func decode(_ bytes: [UInt8], from charset: String, pooled: Bool = false) -> Outcome {
        let pool = IconvDescriptorPool.shared
        guard let descriptor = pooled ? pool.take(charset) : open(charset) else { return .unsupported }
        defer { if pooled { pool.giveBack(descriptor, charset: charset) } else { iconv_close(descriptor) } }
        if bytes.isEmpty { return .decoded("", incompleteTail: false) }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var chunk = [UInt8](repeating: 0, count: min(max(bytes.count * 3, 256), 1 << 16))
        var failure: Int32 = 0
        var consumedAll = false
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            chunk.withUnsafeMutableBufferPointer { buffer in
                guard let outBase = buffer.baseAddress else { return }
                let outStart = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = outStart
                    var outLeft = buffer.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failedWith = result == -1 ? errno : 0
                    output.append(contentsOf: buffer[0..<(buffer.count - outLeft)])
                    if failedWith == E2BIG { continue }
                    if failedWith != 0 {
                        failure = failedWith
                        return
                    }
                    // Flush the shift state of stateful charsets (ISO-2022-*).
                    outPointer = outStart
                    outLeft = buffer.count
                    _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    output.append(contentsOf: buffer[0..<(buffer.count - outLeft)])
                    consumedAll = true
                    return
                }
            }
        }
        if consumedAll { return .decoded(String(decoding: output, as: UTF8.self), incompleteTail: false) }
        if failure == EINVAL {
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            return .decoded(String(decoding: output, as: UTF8.self), incompleteTail: true)
        }
        return .invalid
    }

    static func open(_ charset: String) -> iconv_t? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        return descriptor
    }
}
