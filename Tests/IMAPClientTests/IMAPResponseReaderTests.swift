import Testing
@testable import IMAPClient

/// Serves fixed bytes in chunks of a given size, as a network would in pieces.
private final class ChunkedBytes: IMAPByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    init(_ text: String, chunk: Int) {
        bytes = Array(text.utf8)
        self.chunk = chunk
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer,
                 until deadline: ContinuousClock.Instant) throws(IMAPError) -> Int? {
        guard offset < bytes.count else {
            throw IMAPError(.connectionLost, host: "test", port: 0, detail: "end of test bytes")
        }
        let count = min(chunk, buffer.count, bytes.count - offset)
        bytes[offset..<(offset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += count
        return count
    }
}

private func responses(_ text: String, chunk: Int) throws(IMAPError) -> [IMAPServerResponse] {
    var reader = IMAPResponseReader(source: ChunkedBytes(text, chunk: chunk), timeout: .seconds(1),
                                    maxLiteralBytes: 1 << 20, host: "test", port: 0, chunkBytes: 64)
    var result: [IMAPServerResponse] = []
    while true {
        do {
            result.append(try reader.readResponse())
        } catch {
            // The test bytes ran out: every response has been read.
            guard error.kind == .connectionLost else { throw error }
            return result
        }
    }
}

private func body(_ response: IMAPServerResponse) -> [UInt8]? {
    guard case .fetch(let fetched) = response else { return nil }
    return fetched.body
}

@Suite struct IMAPResponseReaderTests {
    /// A body full of lines that look like responses, including the tag being waited for.
    static let trickyBody = "Subject: x\r\n\r\nA004 OK done\r\n* 3 FETCH (BODY[] {9}\r\n+ go on\r\n{12}\r\n)\r\nend"

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func literalBytesNeverEndTheResponse(chunk: Int) throws {
        let length = Self.trickyBody.utf8.count
        let stream = "* 1 FETCH (UID 7 FLAGS (\\Seen $Label) BODY[] {\(length)}\r\n\(Self.trickyBody))\r\n"
            + "* 2 FETCH (BODY[] {3+}\r\nabc UID 8)\r\n"
            + "A004 OK Fetch completed.\r\n"
        let parsed = try responses(stream, chunk: chunk)
        #expect(parsed.count == 3)
        #expect(body(parsed[0]) == Array(Self.trickyBody.utf8))
        if case .fetch(let fetched) = parsed[0] {
            #expect(fetched.sequence == 1)
            #expect(fetched.uid == 7)
            #expect(fetched.flags == ["\\Seen", "$Label"])
        }
        #expect(body(parsed[1]) == Array("abc".utf8))
        if case .fetch(let fetched) = parsed[1] { #expect(fetched.uid == 8) }
        guard case .tagged(let tag, let status) = parsed[2] else {
            Issue.record("last response is not tagged")
            return
        }
        #expect(tag == "A004" && status.status == .ok)
    }

    @Test func quotedStringsAndStatusCodes() throws {
        let stream = "* 1 FETCH (UID 3 BODY[] \"a \\\"quoted\\\" \\\\ body\")\r\n"
            + "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
            + "* 172 EXISTS\r\n"
            + "* SEARCH 4 9 12\r\n"
            + "+ idling\r\n"
            + "A7 NO [NONEXISTENT] Mailbox doesn't exist: Nope\r\n"
        let parsed = try responses(stream, chunk: 5)
        #expect(body(parsed[0]) == Array("a \"quoted\" \\ body".utf8))
        guard case .untaggedStatus(let status) = parsed[1] else { Issue.record("not a status"); return }
        #expect(status.code == "UIDVALIDITY" && status.codeArguments == "3857529045" && status.text == "UIDs valid")
        guard case .exists(172) = parsed[2], case .search(let uids) = parsed[3], case .continuation = parsed[4],
              case .tagged("A7", let refusal) = parsed[5] else {
            Issue.record("unexpected responses \(parsed)")
            return
        }
        #expect(uids == [4, 9, 12])
        #expect(refusal.status == .no && refusal.code == "NONEXISTENT")
    }

    /// A CONDSTORE server appends `(MODSEQ n)` to SEARCH; lower-case keywords and item names mean the same, and NIL
    /// in any case is no value.
    @Test func searchStopsAtModSeqAndKeywordsIgnoreCase() throws {
        let parsed = try responses("* search 3 17  4294967295 (MODSEQ 917162500)\r\n"
                                   + "* 2 fetch (uid 8 flags () body[] nil)\r\n"
                                   + "* SEARCH 5 4294967296 6\r\n", chunk: 4)
        guard case .search(let uids) = parsed[0], case .fetch(let fetched) = parsed[1],
              case .search(let overflowing) = parsed[2] else {
            Issue.record("unexpected responses \(parsed)")
            return
        }
        #expect(uids == [3, 17, 4_294_967_295])
        #expect(fetched.uid == 8)
        #expect(fetched.flags == [])
        #expect(fetched.body == nil)
        #expect(overflowing == [5])
    }

    /// Items this client never asks for, whatever their shape (nested lists, a literal inside one, a section name with
    /// spaces), are passed over, and the items after them are still read.
    @Test(arguments: [1, 5, 4096])
    func unrequestedItemsAreSkipped(chunk: Int) throws {
        let stream = "* 9 FETCH (ENVELOPE (\"Mon, 1 Jan 2024\" {4}\r\nSubj ((\"A\" NIL \"a\" \"x.org\")) NIL) "
            + "BODY[HEADER.FIELDS (FROM)] {6}\r\nFrom:\n FLAGS (\\Seen NIL \"quoted\" (nested) $Junk) "
            + "RFC822.SIZE 44 UID 12 BODY[] {2}\r\nhi)\r\n"
        let parsed = try responses(stream, chunk: chunk)
        guard parsed.count == 1, case .fetch(let fetched) = parsed[0] else {
            Issue.record("unexpected responses \(parsed)")
            return
        }
        #expect(fetched == IMAPFetchResponse(sequence: 9, uid: 12, flags: ["\\Seen", "$Junk"], body: Array("hi".utf8)))
    }

    @Test func bareLineFeedsAreAcceptedLikeCRLF() throws {
        let parsed = try responses("* 5 EXISTS\nA001 OK done\n", chunk: 3)
        #expect(parsed.count == 2)
    }

    @Test func oversizedLiteralIsALimitErrorNotAnAllocation() {
        var reader = IMAPResponseReader(source: ChunkedBytes("* 1 FETCH (BODY[] {99999999999}\r\n", chunk: 100),
                                        timeout: .seconds(1), maxLiteralBytes: 1 << 20, host: "test", port: 0)
        #expect {
            _ = try reader.readResponse()
        } throws: { error in
            (error as? IMAPError)?.kind == .limitExceeded && (error as? IMAPError)?.isTransient == false
        }
    }

    @Test func deeplyNestedListsAreRefused() {
        let nested = String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)
        var reader = IMAPResponseReader(source: ChunkedBytes("* 1 FETCH \(nested)\r\n", chunk: 4096),
                                        timeout: .seconds(1), maxLiteralBytes: 1 << 20, host: "test", port: 0)
        #expect {
            _ = try reader.readResponse()
        } throws: { error in
            (error as? IMAPError)?.kind == .protocolError
        }
    }
}
