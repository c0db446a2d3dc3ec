import Foundation
import MailParsing

extension MailboxWorker {
    /// Reads a Maildir, mbox or folder of .eml files, skipping messages the processed-message log lists.
    func localPass() throws {
        let root: String
        switch configuration.location {
        case .maildir(let path), .mbox(let path), .files(let path): root = path
        case .imap: return
        }
        let log = ProcessedMessageLog(directory: states, mailbox: configuration.name)
        var processed = try log.load()
        var pending: [EngagementIngestor.Item] = []
        var identities = Set<String>()
        var unreadable = 0

        func flush() throws {
            guard !pending.isEmpty else { return }
            try beginBatch()
            defer { gate.endBatch() }
            var report = try ingestor.ingest(pending)
            report.unreadable = unreadable
            try log.append(identities)
            processed.formUnion(identities)
            state.localMessagesProcessed = processed.count
            try commit(report, checkpoint: nil, batchDescription: "\(pending.count) messages from \(root)")
            pending.removeAll(keepingCapacity: true)
            identities.removeAll(keepingCapacity: true)
            unreadable = 0
        }

        for sourced in MessageSources(paths: [root]) {
            switch sourced.bytes {
            case .success(let bytes):
                let identity = LocalMessageIdentity.identity(source: sourced.source, root: root, bytes: bytes)
                guard !processed.contains(identity), !identities.contains(identity) else { continue }
                pending.append(EngagementIngestor.Item(
                    origin: .file(mailbox: configuration.name, source: sourced.source, identity: identity), bytes: bytes))
                identities.insert(identity)
            case .failure(.notMail(let path)):
                // Never becomes mail: skipped for good, so it is not reported again at every pass.
                let identity = "not mail " + path
                guard !processed.contains(identity), !identities.contains(identity) else { continue }
                logger.warning("\(path) is not a mail message; skipped")
                try log.append([identity])
                processed.insert(identity)
            case .failure(let error):
                // Left unprocessed so the next pass tries again (a file being written, a permission fixed later).
                unreadable += 1
                logger.warning("\(error)")
            }
            if pending.count >= configuration.batchSize { try flush() }
        }
        try flush()
        if unreadable > 0 { logger.warning("\(unreadable) messages could not be read; they are retried next pass") }
        state.localMessagesProcessed = processed.count
    }
}

/// A name for a local message that stays the same when it is read again.
///
/// Computed for every message at every pass, so paths are read as bytes: Character-level splitting of long paths
/// cost more than the store's commit of the message.
enum LocalMessageIdentity {
    static func identity(source: String, root: String, bytes: [UInt8]) -> String {
        if isMboxPosition(source) {
            // mbox: positions shift when a mail program deletes a message, so name the message by its content.
            return "content " + contentDigest(bytes)
        }
        let slash = UInt8(ascii: "/")
        var path = Substring(source)
        if source.utf8.count > root.utf8.count, source.utf8.starts(with: root.utf8),
           case let after = source.utf8.index(source.utf8.startIndex, offsetBy: root.utf8.count),
           source.utf8[after] == slash {
            path = source[source.utf8.index(after: after)...]
        }
        if let name = path.utf8.withContiguousStorageIfAvailable(maildirUniqueName) {
            return name.map { "maildir " + $0 } ?? "file " + String(path)
        }
        let components = path.utf8.split(separator: slash)
        if components.count >= 2, case let folder = components[components.count - 2],
           folder.elementsEqual("cur".utf8) || folder.elementsEqual("new".utf8) {
            // Maildir: the unique name before `:2,FLAGS` survives the move from new/ to cur/ and flag changes.
            let file = components[components.count - 1]
            let unique = file.split(separator: UInt8(ascii: ":"), maxSplits: 1).first ?? file
            return "maildir " + String(Substring(unique))
        }
        return "file " + String(path)
    }

    /// The unique part of a Maildir file name (`cur/UNIQUE:2,FLAGS` or `new/UNIQUE`), read from the path's bytes;
    /// nil when the file is not in a `cur` or `new` folder. Empty path components are skipped, as splitting does.
    static func maildirUniqueName(_ path: UnsafeBufferPointer<UInt8>) -> String? {
        let slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":")
        func component(endingBefore limit: Int) -> Range<Int>? {
            var end = limit
            while end > 0, path[end - 1] == slash { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, path[start - 1] != slash { start -= 1 }
            return start..<end
        }
        guard let file = component(endingBefore: path.count), let folder = component(endingBefore: file.lowerBound),
              folder.count == 3, case let name = path[folder],
              name.elementsEqual("cur".utf8) || name.elementsEqual("new".utf8) else { return nil }
        // A name that starts with ":" is empty before the flags: the whole name is the unique part after it.
        var start = file.lowerBound
        while start < file.upperBound, path[start] == colon { start += 1 }
        guard start < file.upperBound else { return String(decoding: path[file], as: UTF8.self) }
        let end = path[start..<file.upperBound].firstIndex(of: colon) ?? file.upperBound
        return String(decoding: path[start..<end], as: UTF8.self)
    }

    /// `path#N`, the N-th message of an mbox (and not a file whose name happens to contain `#`).
    static func isMboxPosition(_ source: String) -> Bool {
        guard let hash = source.utf8.lastIndex(of: UInt8(ascii: "#")) else { return false }
        let digits = source.utf8[source.utf8.index(after: hash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return false
        }
        return !FileManager.default.fileExists(atPath: source)
    }

    /// FNV-1a (64 bit) and the length: a stable fingerprint, not a security measure.
    static func contentDigest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count)
    }
}
