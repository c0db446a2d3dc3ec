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
        if let files = asciiMaildirFiles(path) { return files }
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

    /// The Maildir folders read, in the order their entries go when two have the same name (as their paths sort).
    private static let maildirFolders = ["cur", "new"]

    /// `maildirFiles` when every entry name is ASCII (as delivery agents write them), else nil. A worker pass lists
    /// one entry per message: the names are read with readdir into one byte list, checked with `fstatat`, sorted once
    /// by their bytes (for ASCII, the order `String` comparison gives) and spelled as paths only then. Listed through
    /// Foundation (a string per name), sorted twice comparing strings, each path built by appending, the listing
    /// cost thousands of instructions per message read.
    private static func asciiMaildirFiles(_ path: String) -> Result<[String], MessageSourceError>? {
        var names: [UInt8] = []
        var entries: [(start: Int, length: Int, folder: Int)] = []
        for (folder, folderName) in maildirFolders.enumerated() {
            let folderPath = path + "/" + folderName
            guard let directory = opendir(folderPath) else {
                return .failure(.unreadable(path: folderPath, reason: "cannot list the Maildir folder"))
            }
            defer { closedir(directory) }
            let descriptor = dirfd(directory)
            while let entry = readdir(directory) {
                let kept = withUnsafePointer(to: &entry.pointee.d_name) { field -> Bool? in
                    let capacity = MemoryLayout.size(ofValue: entry.pointee.d_name)
                    return field.withMemoryRebound(to: CChar.self, capacity: capacity) { name -> Bool? in
                        let length = strnlen(name, capacity)
                        // Hidden entries (and "." and "..") are skipped, as in every listing here.
                        guard length > 0, name[0] != 0x2E else { return false }
                        let bytes = UnsafeRawBufferPointer(start: name, count: length)
                        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                        guard entryKind(in: descriptor, name) == .file else { return false }
                        entries.append((names.count, length, folder))
                        names.append(contentsOf: bytes)
                        return true
                    }
                }
                if kept == nil { return nil }
            }
        }
        return names.withUnsafeBufferPointer { buffer -> Result<[String], MessageSourceError> in
            guard let base = buffer.baseAddress else { return .success([]) }
            entries.sort { left, right in
                let order = memcmp(base + left.start, base + right.start, min(left.length, right.length))
                if order != 0 { return order < 0 }
                return left.length != right.length ? left.length < right.length : left.folder < right.folder
            }
            var root = path
            return .success(root.withUTF8 { root in
                entries.map { entry in
                    let folderName = maildirFolders[entry.folder].utf8
                    // The root's bytes (a string's), the folder and the name (ASCII): valid UTF-8 as written.
                    return String(knownValidUTF8Capacity: root.count + folderName.count + 2 + entry.length) { output in
                        guard let target = output.baseAddress else { return 0 }
                        var count = 0
                        func write(_ bytes: UnsafeBufferPointer<UInt8>) {
                            if let source = bytes.baseAddress { (target + count).update(from: source, count: bytes.count) }
                            count += bytes.count
                        }
                        write(root)
                        output[count] = 0x2F
                        count += 1
                        for byte in folderName {
                            output[count] = byte
                            count += 1
                        }
                        output[count] = 0x2F
                        count += 1
                        write(UnsafeBufferPointer(rebasing: buffer[entry.start..<(entry.start + entry.length)]))
                        return count
                    }
                }
            })
        }
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
        path.withCString { entryKind(in: AT_FDCWD, $0) }
    }

    /// `entryKind` of the entry `name` of the directory open as `directory` (`AT_FDCWD`: `name` is a path).
    private static func entryKind(in directory: Int32, _ name: UnsafePointer<CChar>) -> EntryKind {
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFLNK:
            guard fstatat(directory, name, &info, 0) == 0 else { return .other }
            return info.st_mode & S_IFMT == S_IFREG ? .file : .other
        default: return .other
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
