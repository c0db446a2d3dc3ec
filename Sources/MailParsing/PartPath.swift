/// MIME part paths as `MessagePart.path` spells them: "1" for the message, "1.2.3" for the third child of its second.
enum PartPath {
    /// The path of child `number` (1-based) of the part at `parent`, written straight into the new string's storage:
    /// string interpolation sets up a buffer and several calls for every part of every message.
    static func child(of parent: String, number: Int) -> String {
        // The paths nearly every part has ("1.2", "1.2.1") are made once: building even a short string costs a
        // validation pass and more calls than the lookup.
        if (1...9).contains(number) {
            var parentText = parent
            let common = parentText.withUTF8 { head -> String? in
                if head.count == 1, head[0] == UInt8(ascii: "1") { return childrenOfRoot[number - 1] }
                if head.count == 3, head[0] == UInt8(ascii: "1"), head[1] == UInt8(ascii: "."),
                   (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(head[2]) {
                    return grandchildrenOfRoot[Int(head[2] - UInt8(ascii: "1")) * 9 + number - 1]
                }
                return nil
            }
            if let common { return common }
        }
        return spelled(parent, number)
    }

    /// "1.1" … "1.9".
    private static let childrenOfRoot = (1...9).map { "1.\($0)" }
    /// "1.1.1" … "1.9.9", by (child - 1) * 9 + grandchild - 1.
    private static let grandchildrenOfRoot = (1...9).flatMap { child in (1...9).map { "1.\(child).\($0)" } }

    private static func spelled(_ parent: String, _ number: Int) -> String {
        let value = max(number, 0)
        var digitCount = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digitCount += 1
        }
        var parent = parent
        return parent.withUTF8 { head in
            // A path is digits and dots.
            String(checkedASCIICapacity: head.count + 1 + digitCount) { output in
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
