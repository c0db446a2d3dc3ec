import Testing
@testable import MailParsing

/// Delimiter lines are found by looking only at lines that start with "-"; the parts must be those a reading of
/// every line gives (`lineByLine` below is that reading, as RFC 2046 §5.1 describes it).
@Suite struct MultipartSplitterTests {
    static func lineByLine(_ body: [UInt8], boundary: [UInt8]) -> MultipartSplitter.Split {
        var parts: [Range<Int>] = []
        var partStart: Int?
        var position = 0
        while position < body.count {
            let lineEnd = body[position...].firstIndex(of: 0x0A) ?? body.count
            var start = position
            while start < lineEnd, start - position < 8, body[start] == 0x20 || body[start] == 0x09 { start += 1 }
            let marker = [0x2D, 0x2D] + boundary
            if !boundary.isEmpty, lineEnd - start >= marker.count, Array(body[start..<(start + marker.count)]) == marker {
                let rest = body[(start + marker.count)..<lineEnd]
                let isClose = rest.starts(with: [0x2D, 0x2D])
                if isClose || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let open = partStart { parts.append(open..<max(open, position - 1)) }
                    if isClose { return MultipartSplitter.Split(parts: parts, closed: true) }
                    partStart = min(body.count, lineEnd + 1)
                }
            }
            position = lineEnd + 1
        }
        if let open = partStart { parts.append(open..<body.count) }
        return MultipartSplitter.Split(parts: parts, closed: false)
    }

    static let bodies = [
        "--b\na\n--b\nc\n--b--\n", "pre-amble - with -- dashes\n--b\nx-y\n--bb\n--b \t\n-- b\n--b--tail\n",
        "        --b\nindented 8\n         --b\nindented 9\n\t--b\n--b--", "--b", "--b--", "", "-", "--", "\n--b\n\n--b\n",
        "x--b\n--b-\n--b\n---b\n--b--\nafter", "--b\n--b\n--b\n", "----b\n--b\r\n--b--\n", " - --b\n--b\t \n",
        // The splitter looks for the boundary's rarest byte ("_", "."): bodies full of it in every wrong place.
        "--a_b\n__a_b\n-a_b\n--a_b_\n  --a_b\n x--a_b\n_--a_b\n--a_b--", "_\n--=_x.1\n=_x.1\n--=_x.1 \n.\n--=_x.1--",
        "--a_--a_\n--a_\n_ _ _\n--a_--", "a_b\n--a_b\n--a_b\n",
    ]

    @Test func partsAreThoseEveryLineGives() {
        for text in Self.bodies {
            for boundary in ["b", "-b", "bb", "b\nx", "a_b", "=_x.1", "a_"] {
                let body = Array(text.utf8), marker = Array(boundary.utf8)
                let split = body.withUnsafeBufferPointer { MultipartSplitter.split($0, body: 0..<body.count, boundary: marker) }
                let expected = Self.lineByLine(body, boundary: marker.contains(0x0A) ? [] : marker)
                #expect(split.parts == expected.parts && split.closed == expected.closed, "\(text.debugDescription) / \(boundary)")
            }
        }
    }

    @Test func partsOfABodyInsideALargerBufferAreFoundInItsRange() {
        let text = Array("xx--b\n--b\none\n--b\ntwo\n--b--\nyy".utf8)
        let body = 6..<(text.count - 2)
        let split = text.withUnsafeBufferPointer { MultipartSplitter.split($0, body: body, boundary: Array("b".utf8)) }
        #expect(split.parts.map { String(decoding: text[$0], as: UTF8.self) } == ["one", "two"])
        #expect(split.closed)
    }
}
