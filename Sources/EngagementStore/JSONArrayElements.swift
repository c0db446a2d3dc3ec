/// Splits the bytes of an encoded top-level JSON array into its elements, in one linear pass that tracks strings and
/// nesting. Lets the store encode a whole batch with one encoder call and still write one record per line.
enum JSONArrayElements {
    static func ranges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { elementStart = index + 1 }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth == 1 && index > elementStart { ranges.append(elementStart..<index) }
                depth -= 1
            case UInt8(ascii: ",") where depth == 1:
                ranges.append(elementStart..<index)
                elementStart = index + 1
            default: break
            }
        }
        return ranges
    }
}
