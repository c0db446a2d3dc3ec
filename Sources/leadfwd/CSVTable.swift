/// RFC 4180 CSV read in one linear pass: quoted fields, doubled quotes, CRLF or LF, a header row.
struct CSVTable {
    var header: [String]
    /// Each row with its 1-based line number in the file (the header is line 1).
    var rows: [(line: Int, fields: [String])]

    enum ParseError: Error, CustomStringConvertible {
        case empty
        case unterminatedQuote(line: Int)
        var description: String {
            switch self {
            case .empty: return "the file has no header row"
            case .unterminatedQuote(let line): return "a quoted field opened on line \(line) never closes"
            }
        }
    }

    init(parsing text: String) throws {
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw ParseError.unterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else { throw ParseError.empty }
        header = first.1.map { String(Substring($0).drop { $0 == "\u{FEFF}" }) }
        rows = records.dropFirst().map { (line: $0.0, fields: $0.1) }
    }
}
