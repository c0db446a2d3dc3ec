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

    /// Inputs up to this size are converted in one piece (see `convertIntoString`); a large input goes by chunks.
    private static let maxDirectInput = 1 << 16

    /// Converts `bytes` with iconv in one call into a scratch buffer sized at three UTF-8 bytes per input byte (the
    /// most a single- or double-byte charset needs; ISO-2022 escapes write nothing), then makes the string from it
    /// without a validation pass when `isPlainlyValidOutput` allows. Nil when the output needs more room than that
    /// (a charset that maps a byte to several characters), for the caller to convert in chunks.
    private static func convertIntoString(_ bytes: [UInt8], _ descriptor: iconv_t) -> Outcome? {
        var outOfRoom = false, invalid = false, incompleteTail = false
        let capacity = bytes.count * 3 + 3
        let text = bytes.withUnsafeBufferPointer { input -> String in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { output -> String in
                guard let base = input.baseAddress, let outBase = output.baseAddress else { return "" }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = output.count
                var length = 0
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
                        length = written + 3
                    case EINVAL: outOfRoom = true
                    default: invalid = true
                    }
                    if !incompleteTail { return "" }
                } else if iconv(descriptor, nil, nil, &outPointer, &outLeft) == -1 {
                    // Flushing the shift state of a stateful charset (ISO-2022-*) ran out of room.
                    outOfRoom = true
                    return ""
                } else {
                    length = output.count - outLeft
                }
                let converted = UnsafeBufferPointer(rebasing: output[..<length])
                return isPlainlyValidOutput(converted) ? String(knownValidUTF8: converted)
                    : String(decoding: converted, as: UTF8.self)
            }
        }
        if outOfRoom { return nil }
        if invalid { return .invalid }
        return .decoded(text, incompleteTail: incompleteTail)
    }

    /// Whether iconv's UTF-8 output is valid UTF-8 without reading it as such. A converter writes each character as
    /// one whole, shortest sequence, so its output can only be invalid where it passes on a code point that is not
    /// a character: a surrogate (lead byte 0xED) or one past U+10FFFF (lead byte 0xF4 and up). Output holding none
    /// of those bytes (nearly all text) is made into a string without the validation pass, whose cost per byte of
    /// non-ASCII text is several times that of this scan; any other output is validated, and repaired, as before.
    static func isPlainlyValidOutput(_ output: UnsafeBufferPointer<UInt8>) -> Bool {
        var suspicious: UInt8 = 0
        // No early exit: a plain loop over every byte is vectorised.
        for byte in output { suspicious |= (byte >= 0xF4 ? 1 : 0) | (byte == 0xED ? 1 : 0) }
        return suspicious == 0
    }

    static func open(_ charset: String) -> iconv_t? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        return descriptor
    }
}
