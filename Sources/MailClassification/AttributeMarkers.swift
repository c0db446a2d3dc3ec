import Foundation

/// Lowercase ASCII markers (class names and ids of mail clients' quote containers) looked for in a tag's attribute
/// text all at once: one pass over the attributes, where looking for each marker in turn took one pass per marker.
struct AttributeMarkers: Sendable {
    private let markers: [[UInt8]]
    /// Per byte: the markers (as bits) that start with it, in either ASCII case.
    private let startingWith: [UInt32]

    /// At most 32 markers of lowercase ASCII.
    init(_ markers: [String]) {
        self.markers = markers.prefix(32).map { Array($0.utf8) }
        var startingWith = [UInt32](repeating: 0, count: 256)
        for (index, marker) in self.markers.enumerated() {
            guard let first = marker.first else { continue }
            startingWith[Int(first)] |= 1 << index
            let uppercase = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
            startingWith[Int(uppercase)] |= 1 << index
        }
        self.startingWith = startingWith
    }

    /// The markers (as bits, in the order given) that Foundation's `contains` finds in the attribute text with its
    /// ASCII letters lowercased. An occurrence with an ASCII byte (or nothing) on either side is found as it stands:
    /// nothing can join it to a neighbouring character. Foundation is asked only about a marker whose every
    /// occurrence has a non-ASCII neighbour (its UTF-16 round trip is costly; an ASCII marker it finds always occurs
    /// byte for byte).
    func mentioned(in attributes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var found: UInt32 = 0, standing: UInt32 = 0
        do {
            let bytes = attributes
            startingWith.withUnsafeBufferPointer { startingWith in
                for position in 0..<bytes.count {
                    var candidates = startingWith[Int(bytes[position])] & ~standing
                    while candidates != 0 {
                        let index = candidates.trailingZeroBitCount
                        candidates &= candidates &- 1
                        let marker = markers[index]
                        let end = position + marker.count
                        guard end <= bytes.count else { continue }
                        var matches = true
                        for offset in 1..<marker.count where bytes[position + offset].lowercasedASCII != marker[offset] {
                            matches = false
                            break
                        }
                        guard matches else { continue }
                        found |= 1 << index
                        if (position == 0 || bytes[position - 1] < 0x80) && (end == bytes.count || bytes[end] < 0x80) {
                            standing |= 1 << index
                        }
                    }
                }
            }
        }
        guard found != standing else { return standing }
        let lowered = String(asciiLowercasing: attributes)
        var confirmed = standing
        for index in markers.indices where found & ~standing & (1 << index) != 0
            && lowered.contains(String(decoding: markers[index], as: UTF8.self)) {
            confirmed |= 1 << index
        }
        return confirmed
    }
}
