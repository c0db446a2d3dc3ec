/// Turns an HTML mail body into its visible text in one linear pass, optionally dropping the containers mail
/// clients put quoted history in (Gmail `gmail_quote`, Outlook `divRplyFwdMsg` / `OLK_SRC_BODY_SECTION`,
/// Apple Mail and Thunderbird `blockquote type="cite"` and `moz-cite-prefix`, Yahoo `yahoo_quoted`).
///
/// Not an HTML parser: it only needs tag boundaries, block-level line breaks and entities, and it never builds a
/// tree, so hostile nesting costs nothing.
enum HTMLText {
    /// Tags that break the line, tags whose content is not shown, and tags that have no end tag: one table, one
    /// look-up per tag.
    private static let tagKinds = TagKindTable([
        (.block, ["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "hr", "pre",
                  "section", "article", "ul", "ol", "dd", "dt", "header", "footer", "center"]),
        (.invisible, ["script", "style", "head", "title", "xml"]),
        (.void, ["br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"]),
    ])
    private static let blockquote = TagName("blockquote")
    /// Markers after which everything in the body is quoted history.
    private static let historyStarts = ["divrplyfwdmsg", "olk_src_body_section", "appendonsend"]
    /// Markers of an element that holds quoted history.
    private static let quoteContainers = ["gmail_quote", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote",
                                          "zmail_extra"]
    /// Every marker looked for in a tag's attributes, each a bit of `AttributeMarkers.mentioned(in:)`.
    private static let attributeMarkers = AttributeMarkers(historyStarts + quoteContainers + ["cite"])
    private static let historyStartBits: UInt32 = (1 << historyStarts.count) - 1
    private static let quoteContainerBits: UInt32 = ((1 << quoteContainers.count) - 1) << historyStarts.count
    private static let citeBit: UInt32 = 1 << (historyStarts.count + quoteContainers.count)

    static func visibleText(of html: String, droppingQuotes: Bool, counter: StepCounter? = nil) -> String {
        // A native string hands over its own UTF-8 here: the body is read in place, not copied into an array.
        var html = html
        return html.withUTF8 { visibleText(of: $0, droppingQuotes: droppingQuotes, counter: counter) }
    }

    private static func visibleText(of input: UnsafeBufferPointer<UInt8>, droppingQuotes: Bool,
                                    counter: StepCounter?) -> String {
        counter?.add(input.count)
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2)
        var index = 0
        var dropping: (name: TagName, depth: Int)?
        var pendingSpace = false

        func newline() {
            pendingSpace = false
            while output.last == 0x20 { output.removeLast() }
            var trailingNewlines = 0
            for byte in output.reversed() { if byte == 0x0A { trailingNewlines += 1 } else { break } }
            if trailingNewlines < 2 { output.append(0x0A) }
        }

        scan: while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "<") {
                if index + 3 < input.count, input[index + 1] == UInt8(ascii: "!"), input[index + 2] == UInt8(ascii: "-"),
                   input[index + 3] == UInt8(ascii: "-") {
                    index = find(in: input, "-->", from: index + 4).map { $0 + 3 } ?? input.count
                    continue
                }
                guard let tag = Tag.read(input, at: index) else {
                    if dropping == nil { output.append(byte) }
                    index += 1
                    continue
                }
                index = tag.end
                if tag.kinds.contains(.invisible), !tag.closing, !tag.selfClosing {
                    let found = tag.name.withEndTagBytes { endTag in
                        find(in: input, pattern: endTag, from: index, caseInsensitive: true)
                    }
                    index = found ?? index
                    continue
                }
                if var current = dropping {
                    if tag.name == current.name, !tag.selfClosing { current.depth += tag.closing ? -1 : 1 }
                    dropping = current.depth > 0 ? current : nil
                    continue
                }
                if droppingQuotes, !tag.closing {
                    let mentioned = attributeMarkers.mentioned(in: tag.attributes(in: input))
                    if mentioned & historyStartBits != 0 { break scan }
                    if mentioned & quoteContainerBits != 0 || (tag.name == Self.blockquote && mentioned & citeBit != 0) {
                        if !tag.selfClosing { dropping = (tag.name, 1) }
                        continue
                    }
                }
                if tag.kinds.contains(.block) { newline() }
                continue
            }
            index += 1
            if dropping != nil {
                // Inside dropped history only the next tag matters.
                index = nextTagStart(in: input, from: index)
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
            case UInt8(ascii: "&"):
                if pendingSpace, output.last.map({ $0 != 0x0A }) ?? false { output.append(0x20) }
                pendingSpace = false
                index = Entity.decode(input, at: index - 1, appendingTo: &output)
            default:
                if pendingSpace, output.last.map({ $0 != 0x0A }) ?? false { output.append(0x20) }
                pendingSpace = false
                // The run of text up to the next tag, entity or space is copied as it is.
                var runEnd = index
                while runEnd < input.count, !Self.endsTextRun(input[runEnd]) { runEnd += 1 }
                output.append(byte)
                output.append(contentsOf: input[index..<runEnd])
                index = runEnd
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Where the next "<" is at or after `start` (the input's end if there is none), eight bytes at a step.
    private static func nextTagStart(in input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = input.baseAddress {
            while index &+ 8 <= input.count,
                  !EightBytes.holds(UInt8(ascii: "<"), in: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index &+= 8
            }
        }
        while index < input.count, input[index] != UInt8(ascii: "<") { index += 1 }
        return index
    }

    private static func endsTextRun(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 0x20 || byte == 0x09 || byte == 0x0A
            || byte == 0x0D || byte == 0x0C
    }

    /// Position of `needle` at or after `start`; a naive scan is linear here because the needles are short constants.
    static func find(_ input: [UInt8], _ needle: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        input.withUnsafeBufferPointer { find(in: $0, needle, from: start, caseInsensitive: caseInsensitive) }
    }

    static func find(in input: UnsafeBufferPointer<UInt8>, _ needle: String, from start: Int,
                     caseInsensitive: Bool = false) -> Int? {
        // String literals (every needle here) hold their UTF-8 contiguously: no copy of the needle is made.
        if let found = needle.utf8.withContiguousStorageIfAvailable({
            find(in: input, pattern: $0, from: start, caseInsensitive: caseInsensitive)
        }) {
            return found
        }
        return Array(needle.utf8).withUnsafeBufferPointer {
            find(in: input, pattern: $0, from: start, caseInsensitive: caseInsensitive)
        }
    }

    private static func find(in input: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>, from start: Int,
                             caseInsensitive: Bool) -> Int? {
        guard let first = pattern.first, input.count >= pattern.count else { return nil }
        var position = max(start, 0)
        // The bytes a match can start with, skipped over eight at a step where neither occurs.
        let firstUppercase = caseInsensitive && first >= 0x61 && first <= 0x7A ? first &- 0x20 : first
        while position + pattern.count <= input.count {
            if position &+ 8 <= input.count, let base = input.baseAddress {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                if !EightBytes.holds(first, in: word), !EightBytes.holds(firstUppercase, in: word) {
                    position &+= 8
                    continue
                }
            }
            var byte = input[position]
            if caseInsensitive, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
            if byte == first {
                var matched = true
                for offset in 1..<pattern.count {
                    var byte = input[position + offset]
                    if caseInsensitive, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
                    if byte != pattern[offset] { matched = false; break }
                }
                if matched { return position }
            }
            position += 1
        }
        return nil
    }

    /// A tag name, lowercased, held in place (names are at most 32 bytes): comparing two is comparing four
    /// words, with no string made for each tag.
    struct TagName: Equatable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var length = 0

        init(_ name: String) { self.init(bytes: name.utf8) }

        /// `bytes`: at most 32 bytes of ASCII letters, digits, ":" and "-".
        init(bytes: some Collection<UInt8>) {
            length = bytes.count
            for (offset, byte) in bytes.prefix(32).enumerated() {
                let lowered = UInt64(byte.lowercasedASCII) << (UInt64(offset % 8) * 8)
                switch offset / 8 {
                case 0: words.0 |= lowered
                case 1: words.1 |= lowered
                case 2: words.2 |= lowered
                default: words.3 |= lowered
                }
            }
        }

        /// The first eight bytes, lowercased.
        var firstWord: UInt64 { words.0 }

        var isEmpty: Bool { length == 0 }

        static func == (lhs: TagName, rhs: TagName) -> Bool {
            lhs.length == rhs.length && lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
                && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
        }

        /// Calls `body` with the lowercased end tag of this name ("</style"), made on the stack.
        func withEndTagBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            let count = Swift.min(length, 32)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 34) { buffer in
                buffer[0] = UInt8(ascii: "<")
                buffer[1] = UInt8(ascii: "/")
                for offset in 0..<count {
                    let word: UInt64
                    switch offset / 8 {
                    case 0: word = words.0
                    case 1: word = words.1
                    case 2: word = words.2
                    default: word = words.3
                    }
                    buffer[2 + offset] = UInt8(truncatingIfNeeded: word >> (UInt64(offset % 8) * 8))
                }
                return body(UnsafeBufferPointer(rebasing: buffer[..<(2 + count)]))
            }
        }
    }

    struct TagKinds: OptionSet {
        let rawValue: UInt8
        /// Starts a new line of text.
        static let block = TagKinds(rawValue: 1)
        /// Its content is not shown.
        static let invisible = TagKinds(rawValue: 2)
        /// Has no end tag.
        static let void = TagKinds(rawValue: 4)
    }

    /// The kinds of a few tag names, found by a hash of a name's first eight bytes (open addressing): a tag costs
    /// one probe or two, not a comparison with every name.
    struct TagKindTable {
        /// Per slot: a name (length 0 where the slot is free, as no tag's name is) and its kinds.
        private let names: [TagName]
        private let kinds: [TagKinds]
        private static let slotBits = 7

        init(_ groups: [(TagKinds, [String])]) {
            var names = [TagName](repeating: TagName(""), count: 1 << Self.slotBits)
            var kinds = [TagKinds](repeating: [], count: 1 << Self.slotBits)
            for (kind, group) in groups {
                for text in group {
                    let name = TagName(text)
                    var slot = Self.slot(of: name)
                    while names[slot] != TagName(""), names[slot] != name { slot = (slot + 1) & ((1 << Self.slotBits) - 1) }
                    names[slot] = name
                    kinds[slot].insert(kind)
                }
            }
            self.names = names
            self.kinds = kinds
        }

        func kinds(of name: TagName) -> TagKinds {
            var slot = Self.slot(of: name)
            while true {
                let held = names[slot]
                if held == name { return kinds[slot] }
                if held.isEmpty { return [] }
                slot = (slot + 1) & ((1 << Self.slotBits) - 1)
            }
        }

        private static func slot(of name: TagName) -> Int {
            Int(truncatingIfNeeded: (name.firstWord &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
        }
    }

    /// One start or end tag.
    struct Tag {
        let name: TagName
        let kinds: TagKinds
        let closing: Bool
        let selfClosing: Bool
        /// Where the attribute text is (at most its first 2,048 bytes), read only for marker lookups.
        let attributeBytes: Range<Int>
        let end: Int

        func attributes(in input: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: input[attributeBytes])
        }

        static func read(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Tag? {
            var index = start + 1
            var closing = false
            if index < input.count, input[index] == UInt8(ascii: "/") { closing = true; index += 1 }
            let nameStart = index
            while index < input.count, isNameByte(input[index]) { index += 1 }
            guard index > nameStart, index - nameStart <= 32 else { return nil }
            let name = TagName(bytes: input[nameStart..<index])
            let attributeStart = index
            index = closingBracket(in: input, from: index)
            let attributeEnd = min(index, input.count)
            let selfClosing = attributeEnd > attributeStart && input[attributeEnd - 1] == UInt8(ascii: "/")
            let kinds = HTMLText.tagKinds.kinds(of: name)
            return Tag(name: name, kinds: kinds, closing: closing, selfClosing: selfClosing || kinds.contains(.void),
                       attributeBytes: attributeStart..<min(attributeEnd, attributeStart + 2_048),
                       end: min(index + 1, input.count))
        }

        /// Where the ">" that closes a tag is, outside quoted attribute values (the input's end if none does).
        /// A quoted value (an inline style, most of a mail client's HTML) is skipped eight bytes at a step while its
        /// closing quote is not among them.
        private static func closingBracket(in input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var index = start
            var quote: UInt8?
            let count = input.count
            while index < count {
                if let open = quote, let base = input.baseAddress {
                    while index &+ 8 <= count,
                          !EightBytes.holds(open, in: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                        index &+= 8
                    }
                    guard index < count else { break }
                }
                let byte = input[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                index += 1
            }
            return index
        }

        private static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
        }
    }

    enum Entity {
        private static let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
            "hellip": "…", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
            "euro": "€", "copy": "©", "reg": "®", "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö",
            "Uuml": "Ü", "szlig": "ß", "eacute": "é", "egrave": "è", "ecirc": "ê", "agrave": "à", "aacute": "á",
            "acirc": "â", "ccedil": "ç", "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "otilde": "õ",
            "atilde": "ã", "ocirc": "ô", "ugrave": "ù", "igrave": "ì", "ograve": "ò", "Eacute": "É", "iexcl": "¡",
            "iquest": "¿", "zwnj": "", "zwj": "", "shy": "",
        ]

        /// Appends the decoded entity at `start` (which holds `&`) to `output`, and returns where the text after it
        /// starts; an unknown or broken entity is kept as written.
        static func decode(_ input: UnsafeBufferPointer<UInt8>, at start: Int, appendingTo output: inout [UInt8]) -> Int {
            var index = start + 1
            while index < input.count, index - start <= 10, input[index] != UInt8(ascii: ";") {
                let byte = input[index]
                let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                guard isAlnum || byte == UInt8(ascii: "#") else { break }
                index += 1
            }
            guard index < input.count, input[index] == UInt8(ascii: ";"), index > start + 1 else {
                output.append(UInt8(ascii: "&"))
                return start + 1
            }
            // At most ten bytes: a string held in place, with no allocation.
            let body = String(decoding: input[(start + 1)..<index], as: UTF8.self)
            if body.hasPrefix("#") {
                let digits = body.dropFirst()
                let value = digits.first == "x" || digits.first == "X"
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                if let value, let scalar = Unicode.Scalar(value) {
                    if value == 0xA0 {
                        output.append(0x20)
                    } else {
                        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { buffer in
                            guard let base = buffer.baseAddress else { return }
                            output.append(contentsOf: UnsafeBufferPointer(start: base, count: UTF8.encode(scalar, into: base)))
                        }
                    }
                    return index + 1
                }
            } else if let text = named[body] {
                output.append(contentsOf: text.utf8)
                return index + 1
            }
            output.append(UInt8(ascii: "&"))
            return start + 1
        }
    }
}
