/// Turns caller values into IMAP command syntax, refusing what cannot be sent safely.
enum IMAPCommandArgument {
    /// `1:5,7,9:12` for sorted, de-duplicated UIDs: short commands even for large batches.
    static func uidSet(_ uids: [UInt32]) -> String {
        // Batches come ascending (the worker's always do): hashing and sorting them again was most of the cost.
        let ascending = zip(uids, uids.dropFirst()).allSatisfy { $0 < $1 }
        let sorted = ascending ? uids : Array(Set(uids)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            let first = sorted[index]
            var last = first
            while index + 1 < sorted.count && sorted[index + 1] == last + 1 {
                index += 1
                last = sorted[index]
            }
            parts.append(first == last ? "\(first)" : "\(first):\(last)")
            index += 1
        }
        return parts.joined(separator: ",")
    }

    /// A mailbox name as a quoted string in modified UTF-7 (RFC 3501 §5.1.3). Nil if it holds CR, LF or NUL.
    static func mailbox(_ name: String) -> String? {
        guard !name.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else { return nil }
        return quoted(modifiedUTF7(name))
    }

    /// A flag or keyword (`\Seen`, `$Forwarded`, `leadfwd-processed`): an atom, optionally after one backslash.
    static func flag(_ flag: String) -> String? {
        let body = flag.hasPrefix("\\") ? flag.dropFirst() : Substring(flag)
        let forbidden: Set<UInt8> = Set("(){ %*\"\\]".utf8)
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && !forbidden.contains($0) }) else {
            return nil
        }
        return flag
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }

    static func modifiedUTF7(_ name: String) -> String {
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xff)] }
            out += "&" + base64(bytes) + "-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7e {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }

    /// Base64 with `,` for `/` and no padding, as modified UTF-7 wants.
    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (position, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * position) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return out
    }
}
