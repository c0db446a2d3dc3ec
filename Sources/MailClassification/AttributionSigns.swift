/// Which signs of an attribution the UTF-8 bytes of a line hold: "@" (of an address), a digit (of a date or time),
/// "<" (around an address). Found in one pass, eight bytes at a step: most lines of a reply hold neither "@" nor a
/// digit, and then open no attribution.
struct AttributionSigns {
    private(set) var holdsAt = false
    private(set) var holdsDigit = false
    private(set) var holdsLessThan = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let low = EightBytes.lowBits, high = EightBytes.highBits
        // A byte's high bit in each mask is set where the byte is "@", "<" or a digit (and maybe in bytes after
        // such a one, through borrows: whether any is, is told exactly).
        var at: UInt64 = 0, lessThan: UInt64 = 0, digits: UInt64 = 0
        var index = 0
        if let base = bytes.baseAddress {
            while index &+ 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let atDifference = word ^ (low &* UInt64(UInt8(ascii: "@")))
                at |= (atDifference &- low) & ~atDifference
                let lessThanDifference = word ^ (low &* UInt64(UInt8(ascii: "<")))
                lessThan |= (lessThanDifference &- low) & ~lessThanDifference
                // For 7-bit bytes, adding 0x80 - c sets a byte's high bit when it is at least c; no sum carries.
                let seven = word & ~high
                digits |= (seven &+ low &* 0x50) & ~(seven &+ low &* 0x46) & ~word
                index &+= 8
            }
        }
        holdsAt = at & high != 0
        holdsLessThan = lessThan & high != 0
        holdsDigit = digits & high != 0
        while index < bytes.count {
            let byte = bytes[index]
            holdsAt = holdsAt || byte == UInt8(ascii: "@")
            holdsLessThan = holdsLessThan || byte == UInt8(ascii: "<")
            holdsDigit = holdsDigit || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            index &+= 1
        }
    }
}
