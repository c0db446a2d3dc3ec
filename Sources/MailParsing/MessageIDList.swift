/// Message-ID, In-Reply-To and References values: `<id@host>` tokens, returned without brackets.
/// Broken mailers omit the brackets; then whitespace-separated tokens containing `@` are taken.
public enum MessageIDList {
    public static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var remainder = value[...]
        while let open = remainder.firstIndex(of: "<") {
            let afterOpen = remainder.index(after: open)
            guard let close = remainder[afterOpen...].firstIndex(of: ">") else { break }
            let id = remainder[afterOpen..<close].filter { !$0.isWhitespace }
            if !id.isEmpty { ids.append(String(id)) }
            remainder = remainder[remainder.index(after: close)...]
        }
        if ids.isEmpty {
            ids = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                .filter { $0.contains("@") }
                .map { String($0.trimmingCharacters(inSetOf: "<>\"")) }
        }
        return ids
    }
}
