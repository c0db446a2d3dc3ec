/// Where and why a JSON text in a store file cannot be read. `column` counts bytes from 1 within the text (a journal
/// line, or the snapshot's body line), so a person can find the spot with `cut -c` or an editor.
struct JSONReadError: Error, Sendable, CustomStringConvertible {
    var column: Int
    var reason: String

    var description: String { "\(reason) at column \(column)" }
}
