import Foundation

// TEMPORARY: a minimal stand-in for MailParsing.MessageSources (branch `parserio`): Maildir and .eml files only.
// Deleted when that branch is merged.

struct SourcedMessage {
    var source: String
    var bytes: Result<[UInt8], PendingSourceError>
}

struct PendingSourceError: Error, CustomStringConvertible {
    var description: String
}

struct MessageSources: Sequence {
    let paths: [String]
    init(paths: [String]) { self.paths = paths }

    func makeIterator() -> IndexingIterator<[SourcedMessage]> {
        var files: [String] = []
        for path in paths {
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let item = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let full = path + "/" + item
                let isMaildir = FileManager.default.fileExists(atPath: path + "/cur")
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                   !isMaildir || item.hasPrefix("cur/") || item.hasPrefix("new/") {
                    files.append(full)
                }
            }
        }
        return files.sorted().map { file in
            SourcedMessage(source: file, bytes: FileManager.default.contents(atPath: file).map { .success(Array($0)) }
                ?? .failure(PendingSourceError(description: "\(file): unreadable")))
        }.makeIterator()
    }
}
