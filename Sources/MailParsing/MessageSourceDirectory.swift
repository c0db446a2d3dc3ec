import Foundation

/// Finds the message files of a directory: a Maildir's `cur/` and `new/`, or a tree of message files.
enum MessageSourceDirectory {
    /// Deeper directory trees are not walked (a loop of bind mounts or a hostile archive must not run forever).
    static let maxDepth = 32

    /// A Maildir has `cur/` and `new/` (and `tmp/`, which holds half-delivered mail and is never read).
    static func isMaildir(_ path: String) -> Bool {
        isDirectory(path + "/cur") && isDirectory(path + "/new")
    }

    /// The message files under `path`, in a deterministic order: for a Maildir its `cur/` and `new/` entries sorted
    /// by name (Maildir names begin with the delivery time); otherwise, walking the tree in sorted order, every
    /// `.eml` file, every `.mbox`/`.mbx` file and every file named by a number (MH folders), nested
    /// Maildirs read through `cur/` and `new/`. Hidden entries, `labels.jsonl` and other extensions are skipped, as
    /// are symbolic links to directories (they could loop).
    static func messageFiles(in path: String) -> Result<[String], MessageSourceError> {
        if isMaildir(path) { return maildirFiles(path) }
        var found: [String] = []
        // Directories still to walk, last first, so the walk visits them in sorted order without recursion.
        var pending: [(path: String, depth: Int)] = [(path, 0)]
        while let directory = pending.popLast() {
            let entries: [String]
            switch sortedEntries(directory.path) {
            case .success(let list): entries = list
            case .failure(let error):
                if directory.path == path { return .failure(error) }
                continue
            }
            var subdirectories: [String] = []
            for name in entries where !name.hasPrefix(".") && name != "labels.jsonl" {
                let entry = directory.path + "/" + name
                switch entryKind(entry) {
                case .directory where isMaildir(entry):
                    if case .success(let files) = maildirFiles(entry) { found.append(contentsOf: files) }
                case .directory where directory.depth < maxDepth:
                    subdirectories.append(entry)
                case .file where isMessageFileName(name):
                    found.append(entry)
                default:
                    continue
                }
            }
            // Files of a directory come before its subdirectories' files.
            pending.append(contentsOf: subdirectories.reversed().map { ($0, directory.depth + 1) })
        }
        return .success(found)
    }

    private static func maildirFiles(_ path: String) -> Result<[String], MessageSourceError> {
        var files: [(name: String, path: String)] = []
        for folder in ["cur", "new"] {
            guard case .success(let names) = sortedEntries(path + "/" + folder) else {
                return .failure(.unreadable(path: path + "/" + folder, reason: "cannot list the Maildir folder"))
            }
            for name in names where !name.hasPrefix(".") {
                let entry = path + "/" + folder + "/" + name
                if entryKind(entry) == .file { files.append((name, entry)) }
            }
        }
        return .success(files.sorted { $0.name < $1.name || $0.name == $1.name && $0.path < $1.path }.map(\.path))
    }

    private static func isMessageFileName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        let suffix = name[name.index(after: dot)...].lowercased()
        return suffix == "eml" || suffix == "mbox" || suffix == "mbx"
    }

    private static func sortedEntries(_ path: String) -> Result<[String], MessageSourceError> {
        do {
            return .success(try FileManager.default.contentsOfDirectory(atPath: path).sorted())
        } catch {
            return .failure(.unreadable(path: path, reason: "cannot list the directory"))
        }
    }

    private enum EntryKind { case file, directory, other }

    /// What the entry is, following a symbolic link only to a file. One `lstat` (and a `stat` for a link): a
    /// Maildir holds one entry per message, and Foundation's attribute dictionary cost more than parsing some of them.
    private static func entryKind(_ path: String) -> EntryKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFLNK:
            guard stat(path, &info) == 0 else { return .other }
            return info.st_mode & S_IFMT == S_IFREG ? .file : .other
        default: return .other
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
