/// The last step of reading a display name, shared by the full address reader and its byte-level shortcut so both
/// give the same name for the same words.
enum AddressDisplayName {
    /// `name` (its words joined as written) trimmed, without Outlook's surrounding single quotes or a trailing
    /// comma; nil when nothing is left.
    static func cleaned(_ written: String) -> String? {
        var name = written.trimmingWhitespace()
        // Outlook writes 'Pat Smith' <pat@x.com>; the single quotes are not part of the name.
        if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(",") { name.removeLast() }
        name = name.trimmingWhitespace()
        return name.isEmpty ? nil : name
    }
}

extension String {
    func trimmingWhitespace() -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
                : scalar.properties.isWhitespace
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
