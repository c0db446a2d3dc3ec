/// Finds `local@domain` addresses in free text in one pass, with the line each was found on.
enum AddressScanner {
    struct Found: Equatable {
        let address: String
        let line: Int
        /// Offset (in characters of the line) where the address starts.
        let column: Int
    }

    private static func isLocal(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || "._%+-=!#$&'*/?^`{|}~".contains(c)
    }

    private static func isDomain(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "." || c == "-" }

    static func addresses(inLines lines: [Substring], counter: StepCounter? = nil) -> [Found] {
        var found: [Found] = []
        for (lineIndex, line) in lines.enumerated() {
            let characters = Array(line)
            counter?.add(characters.count)
            var index = 0
            var localStart = 0
            var lastAtEnd = 0
            while index < characters.count {
                let c = characters[index]
                if c == "@", index > lastAtEnd {
                    var start = index
                    while start > max(localStart, lastAtEnd), isLocal(characters[start - 1]) { start -= 1 }
                    while start < index, ".'-".contains(characters[start]) { start += 1 }
                    var end = index + 1
                    while end < characters.count, isDomain(characters[end]) { end += 1 }
                    while end > index + 1, ".-".contains(characters[end - 1]) { end -= 1 }
                    let domain = characters[(index + 1)..<end]
                    if start < index, domain.contains("."), index - start <= 64, end - index <= 256 {
                        let local = String(characters[start..<index])
                        let address = local + "@" + String(domain).lowercased()
                        found.append(Found(address: address, line: lineIndex, column: start))
                    }
                    lastAtEnd = end
                    index = end
                    continue
                }
                if !isLocal(c) { localStart = index + 1 }
                index += 1
            }
        }
        return found
    }
}
