import Testing
@testable import MailParsing

@Suite struct MalformedInputTests {
    @Test func inputTruncatedMidHeaderStillParses() {
        let full = """
            From: a@example.com
            Subject: hello there
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            aGVsbG8=
            --b--
            """
        let bytes = Array(full.utf8)
        for cut in 0...bytes.count {
            let message = MessageParser().parse(Array(bytes[0..<cut]))
            if cut >= 40 { #expect(message.subject?.hasPrefix("hel") == true, "cut at \(cut)") }
        }
        #expect(MessageParser().parse(Array("Subject: unfinished".utf8)).subject == "unfinished")
    }

    @Test func binaryJunkNeverCrashes() {
        var generator = SplitMix64(seed: 0x5EED)
        for size in [0, 1, 2, 7, 100, 4_096, 65_536] {
            let junk = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let message = MessageParser().parse(junk)
            #expect(message.allParts.count >= 1)
        }
        let everyByte = (0..<4).flatMap { _ in (0...255).map(UInt8.init) }
        #expect(MessageParser().parse(everyByte).allParts.count == 1)
    }

    @Test func tenThousandHeadersAreCappedAndTheBodyIsStillRead() {
        var text = ""
        for index in 0..<10_000 { text += "X-Header-\(index): value \(index)\n" }
        text += "\nthe body\n"
        let message = ParserFixtures.parse(text)
        #expect(message.headers.fields.count == ParseLimits.default.maxHeaders)
        #expect(message.headers.fields.last?.name == "X-Header-\(ParseLimits.default.maxHeaders - 1)")
        #expect(message.textBody == "the body\n")
        #expect(message.warnings.map(\.code) == ["max-headers"])
    }

    @Test func thousandDeepMultipartNestingStopsAtTheDepthLimit() {
        let depth = 1_000
        var text = ""
        for level in 0..<depth { text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\ninnermost\n"
        for level in (0..<depth).reversed() { text += "--b\(level)--\n" }
        let limits = ParseLimits.default
        let message = ParserFixtures.parse(text)
        let deepest = message.allParts.map { $0.path.split(separator: ".").count }.max() ?? 0
        #expect(deepest == limits.maxDepth + 1)
        #expect(message.allParts.count == limits.maxDepth + 1)
        #expect(message.warnings.contains { $0.code == "max-depth" })
    }

    @Test func thousandDeepEmbeddedMessagesStopAtTheDepthLimit() {
        var text = ""
        for _ in 0..<1_000 { text += "Subject: level\nContent-Type: message/rfc822\n\n" }
        text += "Subject: innermost\n\nbody\n"
        var message = ParserFixtures.parse(text)
        var levels = 1
        while let next = message.embeddedMessages.first { message = next; levels += 1 }
        #expect(levels == ParseLimits.default.maxDepth + 1)
        #expect(message.warnings.contains { $0.code == "max-depth" })
    }

    @Test func pathologicalHeaderValuesStayReadable() {
        // A megabyte of unterminated encoded-word starts, and of repeated parameters: each start
        // is given up within a bounded scan, so this stays linear rather than quadratic.
        let starts = String(repeating: "=?utf-8?q?x", count: 100_000)
        let parameters = String(repeating: "; a=1", count: 100_000)
        let message = ParserFixtures.parse("Subject: \(starts)\nContent-Type: text/plain\(parameters)\n\nbody")
        #expect(message.subject == starts)
        #expect(message.root.contentType.parameters == [MIMEParameter(name: "a", value: "1")])
        #expect(message.textBody == "body")
    }

    @Test func partCountIsCapped() {
        var text = "Content-Type: multipart/mixed; boundary=p\n\n"
        for index in 0..<5_000 { text += "--p\nContent-Type: text/plain\n\npart \(index)\n" }
        text += "--p--\n"
        let message = ParserFixtures.parse(text)
        #expect(message.allParts.count == ParseLimits.default.maxParts)
        #expect(message.warnings.map(\.code) == ["max-parts"])
    }

    @Test func oversizedMessageIsCutAtTheByteLimit() {
        let limits = ParseLimits(maxMessageBytes: 1_000)
        let message = ParserFixtures.parse("Subject: big\n\n" + String(repeating: "x", count: 5_000), limits: limits)
        #expect(message.textBody?.utf8.count == 1_000 - "Subject: big\n\n".utf8.count)
        #expect(message.warnings.map(\.code) == ["max-message-bytes"])
    }

    @Test func fiftyMegabyteAttachmentIsDecodedWhole() {
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n".utf8)  // 57 bytes
        let lineCount = 50_000_000 / 57 + 1
        var bytes = Array("""
            Content-Type: multipart/mixed; boundary=big

            --big
            Content-Type: text/plain

            see attachment
            --big
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename=big.bin
            Content-Transfer-Encoding: base64


            """.utf8)
        bytes.reserveCapacity(bytes.count + lineCount * line.count + 16)
        for _ in 0..<lineCount { bytes.append(contentsOf: line) }
        bytes.append(contentsOf: Array("--big--\n".utf8))
        let message = MessageParser().parse(bytes)
        let attachment = message.allParts.last
        #expect(attachment?.filename == "big.bin")
        #expect(attachment?.decodedBody.count == lineCount * 57)
        #expect(message.textBody == "see attachment")
        #expect(message.warnings.isEmpty)
    }
}

/// Deterministic pseudo-random bytes for junk input.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
