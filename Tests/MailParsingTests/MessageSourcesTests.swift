import Foundation
import Testing
import TestSupport
@testable import MailParsing

private func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

private func message(_ subject: String, body: String = "Hello.\n") -> String {
    "From: a@example.com\nSubject: \(subject)\n\n\(body)"
}

private func text(_ sourced: SourcedMessage) -> String? {
    guard case .success(let bytes) = sourced.bytes else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

private func failure(_ sourced: SourcedMessage) -> MessageSourceError? {
    guard case .failure(let error) = sourced.bytes else { return nil }
    return error
}

@Test func singleFileOfAnyName() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/bounce.txt"
    try write(message("One"), to: path)
    let all = Array(MessageSources(paths: [path]))
    #expect(all.map(\.source) == [path])
    #expect(all.map(text) == [message("One")])
    #expect(all.map(\.truncated) == [false])
}

@Test func directoryTreeIsSortedAndSkipsWhatIsNotMail() throws {
    let dir = try TemporaryDirectory()
    for name in ["b.eml", "a.EML", "sub/c.eml", "sub/deeper/d.eml", ".hidden.eml", ".git/x.eml", "labels.jsonl",
                 "notes.md", "README", "mh/12"] {
        try write(message(name), to: dir.path + "/" + name)
    }
    let sources = MessageSources(paths: [dir.path]).map(\.source)
    #expect(sources == ["a.EML", "b.eml", "mh/12", "sub/c.eml", "sub/deeper/d.eml"].map { dir.path + "/" + $0 })
    #expect(MessageSources(paths: [dir.path + "/"]).map(\.source) == sources)
}

@Test func symbolicLinksAreFollowedToFilesOnly() throws {
    let dir = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    try write(message("kept elsewhere"), to: outside.path + "/kept.eml")
    try write(message("in tree"), to: outside.path + "/tree/e.eml")
    try write(message("real"), to: dir.path + "/a.eml")
    let files = FileManager.default
    try files.createSymbolicLink(atPath: dir.path + "/b.eml", withDestinationPath: outside.path + "/kept.eml")
    // A link to a directory is not walked: a link back up the tree would never end.
    try files.createSymbolicLink(atPath: dir.path + "/c", withDestinationPath: outside.path + "/tree")
    try files.createSymbolicLink(atPath: dir.path + "/loop", withDestinationPath: dir.path)
    try files.createSymbolicLink(atPath: dir.path + "/dangling.eml", withDestinationPath: outside.path + "/gone.eml")
    let all = Array(MessageSources(paths: [dir.path]))
    #expect(all.map(\.source) == [dir.path + "/a.eml", dir.path + "/b.eml"])
    #expect(all.compactMap(text) == [message("real"), message("kept elsewhere")])
}

@Test func maildirReadsCurAndNewButNotTmp() throws {
    let dir = try TemporaryDirectory()
    let maildir = dir.path + "/Maildir"
    try write(message("old"), to: maildir + "/cur/1700000000.M1P1.host:2,S")
    try write(message("new"), to: maildir + "/new/1700000500.M2P1.host")
    try write(message("half"), to: maildir + "/tmp/1700000600.M3P1.host")
    try write(message("hidden"), to: maildir + "/new/.1700000700.M4P1.host")
    let all = Array(MessageSources(paths: [maildir]))
    #expect(all.map(\.source) == [maildir + "/cur/1700000000.M1P1.host:2,S", maildir + "/new/1700000500.M2P1.host"])
    #expect(all.compactMap(text) == [message("old"), message("new")])
    // A Maildir inside a tree is read the same way.
    #expect(MessageSources(paths: [dir.path]).map(\.source) == all.map(\.source))
}

@Test func maildirEntriesComeInNameOrderWhateverTheFolder() throws {
    // Names sort as strings (a name before the longer names it begins), a name in both folders comes from cur/
    // first; subfolders and links to folders are not messages. A non-ASCII name is listed the same way.
    for extra in ["1700000300.M9P1.host", "1700000300.M9P1.hôst"] {
        let dir = try TemporaryDirectory()
        let maildir = dir.path + "/Maildir"
        try write(message("c"), to: maildir + "/new/1700000400.M3P1.host")
        try write(message("a"), to: maildir + "/new/1700000100.M1P1.host")
        try write(message("a2"), to: maildir + "/cur/1700000100.M1P1.host")
        try write(message("b"), to: maildir + "/cur/1700000100.M1P1.host:2,S")
        try write(message("x"), to: maildir + "/cur/" + extra)
        try FileManager.default.createDirectory(atPath: maildir + "/new/1700000000.folder",
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: maildir + "/new/1700000001.link",
                                                   withDestinationPath: maildir + "/new/1700000000.folder")
        try FileManager.default.createSymbolicLink(atPath: maildir + "/new/1700000500.M4P1.host",
                                                   withDestinationPath: maildir + "/new/1700000400.M3P1.host")
        #expect(MessageSources(paths: [maildir]).map(\.source) == [
            maildir + "/cur/1700000100.M1P1.host", maildir + "/new/1700000100.M1P1.host",
            maildir + "/cur/1700000100.M1P1.host:2,S", maildir + "/cur/" + extra,
            maildir + "/new/1700000400.M3P1.host", maildir + "/new/1700000500.M4P1.host",
        ])
    }
}

@Test func mboxSplitsAndUnquotesFromLines() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/archive"
    let mbox = """
    From alice@example.com Thu Nov 27 10:20:30 2026
    From: alice@example.com
    Subject: one

    >From the mboxo quoting.
    >>From the mboxrd quoting.
    From the desk of Alice, never a separator: no time of day.

    From bob@example.com Thu Nov 27 11:00:00 2026
    From: bob@example.com
    Subject: two

    Body two.

    From carol@example.com  Fri Nov 28 09:01:02 2026
    From: carol@example.com
    Subject: three

    Body three.

    """
    try write(mbox, to: path)
    let all = Array(MessageSources(paths: [path]))
    #expect(all.map(\.source) == [path + "#1", path + "#2", path + "#3"])
    #expect(all.compactMap(text) == [
        "From: alice@example.com\nSubject: one\n\nFrom the mboxo quoting.\n>From the mboxrd quoting.\n"
            + "From the desk of Alice, never a separator: no time of day.\n",
        "From: bob@example.com\nSubject: two\n\nBody two.\n",
        "From: carol@example.com\nSubject: three\n\nBody three.\n",
    ])
}

@Test func fileWithOneMessageAfterAnEnvelopeLineKeepsItsName() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/saved-bounce.eml"
    try write("From MAILER-DAEMON Thu Nov 27 10:20:30 2026\n" + message("bounce"), to: path)
    let all = Array(MessageSources(paths: [path]))
    #expect(all.map(\.source) == [path])
    #expect(all.compactMap(text) == [message("bounce")])
}

@Test func mboxWithCRLFLineEndings() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/crlf.mbox"
    let mbox = "From a Thu Nov 27 10:20:30 2026\r\nSubject: one\r\n\r\nBody.\r\n\r\n"
        + "From b Thu Nov 27 10:20:31 2026\r\nSubject: two\r\n\r\nBody.\r\n"
    try write(mbox, to: path)
    #expect(MessageSources(paths: [path]).compactMap(text) ==
        ["Subject: one\r\n\r\nBody.\r\n", "Subject: two\r\n\r\nBody.\r\n"])
}

@Test func truncatedLastMboxMessageIsStillYielded() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/cut.mbox"
    try write("From a Thu Nov 27 10:20:30 2026\nSubject: whole\n\nBody.\n\n"
        + "From b Thu Nov 27 10:20:31 2026\nSubject: cut in the mid", to: path)
    let all = Array(MessageSources(paths: [path]))
    #expect(all.compactMap(text) == ["Subject: whole\n\nBody.\n", "Subject: cut in the mid"])
}

@Test func standardInputAsMessageAndAsMbox() throws {
    let dir = try TemporaryDirectory()
    let single = dir.path + "/single"
    try write(message("stdin"), to: single)
    let singleHandle = try #require(FileHandle(forReadingAtPath: single))
    let one = Array(MessageSources(paths: ["-"], standardInput: singleHandle))
    #expect(one.map(\.source) == ["-"])
    #expect(one.compactMap(text) == [message("stdin")])

    let mbox = dir.path + "/mbox"
    try write("From a Thu Nov 27 10:20:30 2026\n" + message("x") + "\nFrom b Thu Nov 27 10:20:31 2026\n"
        + message("y"), to: mbox)
    let mboxHandle = try #require(FileHandle(forReadingAtPath: mbox))
    let two = Array(MessageSources(paths: ["-"], standardInput: mboxHandle))
    #expect(two.map(\.source) == ["-#1", "-#2"])
    #expect(two.compactMap(text) == [message("x"), message("y")])
}

@Test func standardInputFromAPipe() throws {
    let pipe = Pipe()
    let payload = Data(message("piped").utf8)
    pipe.fileHandleForWriting.write(payload)
    try pipe.fileHandleForWriting.close()
    let all = Array(MessageSources(paths: ["-"], standardInput: pipe.fileHandleForReading))
    #expect(all.compactMap(text) == [message("piped")])
}

@Test func problemsAreYieldedNamingThePathAndIterationGoesOn() throws {
    let dir = try TemporaryDirectory()
    let missing = dir.path + "/missing.eml"
    let empty = dir.path + "/empty.eml"
    let blank = dir.path + "/blank.eml"
    let junk = dir.path + "/picture.eml"
    let emptyDirectory = dir.path + "/nothing"
    let good = dir.path + "/good.eml"
    try write("", to: empty)
    try write("\n\r\n  \n", to: blank)
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]).write(to: URL(fileURLWithPath: junk))
    try FileManager.default.createDirectory(atPath: emptyDirectory, withIntermediateDirectories: true)
    try write(message("fine"), to: good)

    let all = Array(MessageSources(paths: [missing, empty, blank, junk, "/dev/null", emptyDirectory, good]))
    #expect(all.map(failure) == [
        .notFound(path: missing), .empty(path: empty), .empty(path: blank), .notMail(path: junk),
        .unreadable(path: "/dev/null", reason: "it is a device, not a file"), .noMessages(path: emptyDirectory), nil,
    ])
    #expect(text(all[6]) == message("fine"))
    #expect(MessageSourceError.notFound(path: missing).description == "\(missing): no such file or directory")
    #expect(MessageSourceError.notMail(path: junk).description.hasPrefix("\(junk): is not an email message"))
}

@Test func emptyMboxEntryIsReportedWithItsNumber() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/gap.mbox"
    try write("From a Thu Nov 27 10:20:30 2026\n\nFrom b Thu Nov 27 10:20:31 2026\n" + message("b"), to: path)
    let all = Array(MessageSources(paths: [path]))
    #expect(all.map(failure) == [.empty(path: path + "#1"), nil])
}

@Test func looksLikeMail() {
    #expect(MessageSources.looksLikeMail(Array("Return-Path: <>\nFrom: x\n".utf8)))
    #expect(MessageSources.looksLikeMail(Array("\r\n\r\nX-Weird_Name.1:value".utf8)))
    #expect(MessageSources.looksLikeMail(Array("From someone Thu Nov 27 10:20:30 2026\n".utf8)))
    #expect(!MessageSources.looksLikeMail(Array("Hello there, this is not mail\n".utf8)))
    #expect(!MessageSources.looksLikeMail(Array("Subject: x\u{0}\n".utf8)))
    #expect(!MessageSources.looksLikeMail([]))
    #expect(!MessageSources.looksLikeMail(Array(repeating: UInt8(ascii: "a"), count: 5000)))
}

@Test func oversizedMessagesAreCutAndMarked() throws {
    let dir = try TemporaryDirectory()
    let limits = ParseLimits(maxMessageBytes: 10_000)
    let big = message("big", body: String(repeating: "0123456789\n", count: 5_000))
    try write(big, to: dir.path + "/big.eml")
    let single = Array(MessageSources(paths: [dir.path + "/big.eml"], limits: limits))
    #expect(single.map(\.truncated) == [true])
    #expect(single.compactMap(text) == [String(big.prefix(10_000))])

    try write("From a Thu Nov 27 10:20:30 2026\n" + big + "\nFrom b Thu Nov 27 10:20:31 2026\n" + message("small"),
              to: dir.path + "/big.mbox")
    let fromMbox = Array(MessageSources(paths: [dir.path + "/big.mbox"], limits: limits))
    #expect(fromMbox.map(\.truncated) == [true, false])
    #expect(fromMbox.compactMap(text) == [String(big.prefix(10_000)), message("small")])
}

/// Streaming: however big the mbox, the reader holds at most one read chunk plus one message (or one line
/// fragment), measured by the reader's own count of held bytes.
@Test func mboxReaderHoldsOneMessageAtATime() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/large.mbox"
    let body = String(repeating: "A line of a message body that is long enough.\n", count: 200) // ~9.4 KB
    var chunk = ""
    for number in 0..<100 {
        chunk += "From sender@example.com Thu Nov 27 10:20:30 2026\n" + message("n\(number)", body: body) + "\n"
    }
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    for _ in 0..<4 { handle.write(Data(chunk.utf8)) }  // ~3.8 MB, 400 messages: 25 times the bound below
    try handle.close()
    let fileSize = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

    var iterator = MessageSources(paths: [path]).makeIterator()
    var count = 0
    while let sourced = iterator.next() {
        count += 1
        #expect(text(sourced)?.hasPrefix("From: a@example.com\nSubject: n") == true)
    }
    #expect(count == 400)
    #expect(fileSize > 3_500_000)
    let bound = 2 * MessageSourceStream.chunkSize + 10_000
    #expect(iterator.peakMboxHeldBytes < bound, "held \(iterator.peakMboxHeldBytes) of \(fileSize)")
}

@Test func mboxWithoutNewlinesIsReadInBoundedFragments() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/oneline.mbox"
    let line = String(repeating: "x", count: 3 * MboxReader.maxLineFragment)
    try write("From a Thu Nov 27 10:20:30 2026\nSubject: long\n\n" + line, to: path)
    let limits = ParseLimits(maxMessageBytes: 50_000)
    var iterator = MessageSources(paths: [path], limits: limits).makeIterator()
    let next = iterator.next()
    let first = try #require(next)
    #expect(first.truncated)
    #expect(text(first)?.count == 50_000)
    #expect(iterator.next() == nil)
    #expect(iterator.peakMboxHeldBytes < MboxReader.maxLineFragment + 2 * MessageSourceStream.chunkSize + 50_000)
}
