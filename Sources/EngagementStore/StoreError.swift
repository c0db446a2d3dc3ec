#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the store refused to open or to write. Each case names the file and says what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case futureSchema(file: String, found: Int, supported: Int)
    case corrupt(file: String, line: Int?, reason: String)
    case io(file: String, operation: String, errno: Int32)
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .futureSchema(let file, let found, let supported):
            return "\(file) was written by a newer leadfwd (schema version \(found); this build reads up to "
                + "\(supported)). Refusing to touch it: upgrade leadfwd, or point --data-dir at another directory."
        case .corrupt(let file, let line, let reason):
            let place = line.map { "\(file), line \($0)" } ?? file
            return "\(place) is corrupt: \(reason). Refusing to open the store so nothing is overwritten; restore the "
                + "file from a backup, or move it aside to start again from the other files."
        case .io(let file, let operation, let code):
            return "\(file): \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .notADirectory(let path):
            return "\(path) exists and is not a directory; choose another --data-dir"
        }
    }
}
