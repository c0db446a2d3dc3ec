/// MIME part paths as `MessagePart.path` spells them: "1" for the message, "1.2.3" for the third child of its second.
enum PartPath {
    /// The path of child `number` (1-based) of the part at `parent`, written straight into the new string's storage:
    /// string interpolation sets up a buffer and several calls for every part of every message.
    static func child(of parent: String, number: Int) -> String {
        let value = max(number, 0)
        var digitCount = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digitCount += 1
        }
        var parent = parent
        return parent.withUTF8 { head in
            String(unsafeUninitializedCapacity: head.count + 1 + digitCount) { output in
                for index in 0..<head.count { output[index] = head[index] }
                output[head.count] = UInt8(ascii: ".")
                var remaining = value
                var position = head.count + digitCount
                repeat {
                    output[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
                    remaining /= 10
                    position -= 1
                } while remaining > 0
                return head.count + 1 + digitCount
            }
        }
    }
}
