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
        if bytes.count <= maxDirectInput, let outcome = convertIntoString(bytes, descriptor) { return outcome }
        // The direct conversion ran out of room part way: start again from the initial shift state, in chunks.
        _ = iconv(descriptor, nil, nil, nil, nil)

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

    /// Inputs up to this size are converted straight into the string (see `convertIntoString`): its storage, sized
    /// for the most the output can need, is kept by the string, so a large input goes by chunks instead.
    private static let maxDirectInput = 1 << 16

    /// Converts `bytes` with iconv writing straight into the new string's storage, sized at three UTF-8 bytes per
    /// input byte (the most a single- or double-byte charset needs; ISO-2022 escapes write nothing): no chunk to
    /// zero, no byte list to copy into the string. Nil when the output needs more room than that (a charset that
    /// maps a byte to several characters), for the caller to convert in chunks.
    private static func convertIntoString(_ bytes: [UInt8], _ descriptor: iconv_t) -> Outcome? {
        var outOfRoom = false, invalid = false, incompleteTail = false
        let capacity = bytes.count * 3 + 3
        let text = bytes.withUnsafeBufferPointer { input -> String in
            String(unsafeUninitializedCapacity: capacity) { output -> Int in
                guard let base = input.baseAddress, let outBase = output.baseAddress else { return 0 }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = output.count
                if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    switch errno {
                    case E2BIG: outOfRoom = true
                    case EINVAL where outLeft >= 3:
                        // The input ended inside a character: U+FFFD stands for it.
                        let written = output.count - outLeft
                        output[written] = 0xEF
                        output[written + 1] = 0xBF
                        output[written + 2] = 0xBD
                        incompleteTail = true
                        return written + 3
                    case EINVAL: outOfRoom = true
                    default: invalid = true
                    }
                    return 0
                }
                // Flush the shift state of stateful charsets (ISO-2022-*).
                if iconv(descriptor, nil, nil, &outPointer, &outLeft) == -1 {
                    outOfRoom = true
                    return 0
                }
                return output.count - outLeft
            }
        }
        if outOfRoom { return nil }
        if invalid { return .invalid }
        return .decoded(text, incompleteTail: incompleteTail)
    }

    static func open(_ charset: String) -> iconv_t? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        return descriptor
    }
}
