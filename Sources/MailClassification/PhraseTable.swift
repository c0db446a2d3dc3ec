/// A set of phrases, each tagged with a value, found in one left-to-right pass over normalised text.
///
/// The phrases are compiled into an Aho–Corasick automaton turned into a deterministic table, so a scan costs one
/// table lookup per byte of input whatever the phrases are: no backtracking, no dependence on how close the input
/// comes to matching. Phrases are normalised like the text (see `NormalizedText`), so they match whole words only.
struct PhraseTable<Value: Sendable>: Sendable {
    struct Match {
        let value: Value
        /// Byte range of the phrase in the scanned `NormalizedText.bytes`, including its bounding spaces.
        let range: Range<Int>
    }

    private let classOf: [UInt8]          // byte → column
    private let columns: Int
    /// state * columns + column → next state * columns, bitwise complemented (negative) when phrases end at the
    /// next state: the scan then needs one look-up per byte, and more only where a phrase ends.
    private let transitions: [Int32]
    private let outputStart: [Int32]      // state → first index into `outputList`; state + 1 → end
    private let outputList: [Int32]       // indexes into `entries` of the phrases ending at each state
    private let entries: [(phrase: [UInt8], value: Value)]
    private let longest: Int

    init(_ phrases: [(String, Value)]) {
        var entries: [(phrase: [UInt8], value: Value)] = []
        for (text, value) in phrases {
            let phrase = NormalizedText.phrase(text)
            if phrase.count > 2 { entries.append((phrase, value)) }
        }
        // Bytes that occur in some phrase get their own column; every other byte shares column 0.
        var classOf = [UInt8](repeating: 0, count: 256)
        var columns = 1
        for entry in entries {
            for byte in entry.phrase where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(columns)
                columns += 1
            }
        }
        // Trie, one row of `columns` cells per state in one flat array: built once per table at first use, on the
        // path of every command's first message, so it avoids a heap array per state. A phrase adds at most one
        // state per byte, so the rows are allocated at once and trimmed to the states made.
        let maximumStates = entries.reduce(1) { $0 + $1.phrase.count }
        var trie = [Int32](repeating: -1, count: maximumStates * columns)
        var outputs: [[Int32]] = [[]]
        outputs.reserveCapacity(maximumStates)
        // Each state's children, linked: the column that leads to a state, a state's first child, the next child
        // of the same parent (-1: none).
        var edgeColumn = [Int32](repeating: 0, count: maximumStates)
        var firstChild = [Int32](repeating: -1, count: maximumStates)
        var nextSibling = [Int32](repeating: -1, count: maximumStates)
        for (index, entry) in entries.enumerated() {
            var state = 0
            for byte in entry.phrase {
                let column = Int(classOf[Int(byte)])
                let cell = state * columns + column
                if trie[cell] < 0 {
                    let child = Int32(outputs.count)
                    trie[cell] = child
                    outputs.append([])
                    edgeColumn[Int(child)] = Int32(column)
                    nextSibling[Int(child)] = firstChild[state]
                    firstChild[state] = child
                }
                state = Int(trie[cell])
            }
            outputs[state].append(Int32(index))
        }
        let states = outputs.count
        trie.removeLast((maximumStates - states) * columns)
        // Breadth-first: failure links folded into a complete transition table. A state's row is its failure
        // state's row (complete by then: that state is nearer the root) copied whole, with its own children put
        // back; the loops run over raw buffers: this is the whole cost of a table's first use.
        var fail = [Int32](repeating: 0, count: states)
        var queue = [Int32](repeating: 0, count: states)
        trie.withUnsafeMutableBufferPointer { cells in
            fail.withUnsafeMutableBufferPointer { fail in
                queue.withUnsafeMutableBufferPointer { queue in
                    guard let base = cells.baseAddress else { return }
                    var tail = 0
                    // From the root, every byte that starts no phrase stays at the root.
                    for column in 0..<columns where cells[column] < 0 { cells[column] = 0 }
                    var child = Int(firstChild[0])
                    while child >= 0 {
                        queue[tail] = Int32(child); tail += 1
                        child = Int(nextSibling[child])
                    }
                    var head = 0
                    while head < tail {
                        let state = Int(queue[head]); head += 1
                        let failState = Int(fail[state])
                        let row = state * columns, failRow = failState * columns
                        if !outputs[failState].isEmpty { outputs[state].append(contentsOf: outputs[failState]) }
                        child = Int(firstChild[state])
                        while child >= 0 {
                            fail[child] = cells[failRow + Int(edgeColumn[child])]
                            queue[tail] = Int32(child); tail += 1
                            child = Int(nextSibling[child])
                        }
                        (base + row).update(from: base + failRow, count: columns)
                        child = Int(firstChild[state])
                        while child >= 0 {
                            cells[row + Int(edgeColumn[child])] = Int32(child)
                            child = Int(nextSibling[child])
                        }
                    }
                }
            }
        }
        // Next states become row offsets, complemented where a phrase ends.
        let width = Int32(columns)
        let encoded = outputs.indices.map { state in
            outputs[state].isEmpty ? Int32(state) &* width : ~(Int32(state) &* width)
        }
        trie.withUnsafeMutableBufferPointer { cells in
            encoded.withUnsafeBufferPointer { encoded in
                for cell in 0..<cells.count { cells[cell] = encoded[Int(cells[cell])] }
            }
        }
        self.classOf = classOf
        self.columns = columns
        self.transitions = trie
        var starts: [Int32] = [0]
        starts.reserveCapacity(states + 1)
        for list in outputs { starts.append(starts[starts.count - 1] + Int32(list.count)) }
        self.outputStart = starts
        self.outputList = outputs.flatMap { $0 }
        self.entries = entries
        self.longest = entries.map { $0.phrase.count }.max() ?? 0
    }

    /// Bytes of the longest phrase, bounding spaces included: a match that starts at 0 ends by then.
    var longestPhrase: Int { longest }

    /// The normalised phrases, for tests that build near-misses of every one.
    var phrases: [String] { entries.map { String(decoding: $0.phrase, as: UTF8.self) } }

    /// Every occurrence of every phrase in `text`, ordered by where it ends.
    func matches(in text: NormalizedText, counter: StepCounter? = nil) -> [Match] {
        matches(in: text.bytes, counter: counter)
    }

    func matches(in bytes: [UInt8], counter: StepCounter? = nil) -> [Match] {
        bytes.withUnsafeBufferPointer { matches(in: $0, counter: counter) }
    }

    /// Every occurrence of every phrase in folded bytes (a `FoldingBuffer`'s fold), ordered by where it ends.
    func matches(in bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil) -> [Match] {
        var found: [Match] = []
        scan(bytes, counter: counter) { entry, end in
            found.append(Match(value: entry.value, range: (end - entry.phrase.count)..<end))
            return false
        }
        return found
    }

    /// Whether some match in `text` (taken in the order of `matches(in:)`) satisfies `predicate`; the scan stops
    /// at the first that does, and no list of matches is made.
    func containsMatch(in text: NormalizedText, counter: StepCounter? = nil, where predicate: (Match) -> Bool) -> Bool {
        text.bytes.withUnsafeBufferPointer { containsMatch(in: $0, counter: counter, where: predicate) }
    }

    /// `containsMatch(in:counter:where:)` on folded bytes.
    func containsMatch(in bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil,
                       where predicate: (Match) -> Bool) -> Bool {
        var satisfied = false
        scan(bytes, counter: counter) { entry, end in
            satisfied = predicate(Match(value: entry.value, range: (end - entry.phrase.count)..<end))
            return satisfied
        }
        return satisfied
    }

    /// The first match in the text, if any.
    func firstMatch(in text: NormalizedText, counter: StepCounter? = nil) -> Match? {
        text.bytes.withUnsafeBufferPointer { firstMatch(in: $0, counter: counter) }
    }

    /// The first match in folded bytes, if any: the one that ends first (of those, the longest).
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil) -> Match? {
        var first: Match?
        scan(bytes, counter: counter) { entry, end in
            first = Match(value: entry.value, range: (end - entry.phrase.count)..<end)
            return true
        }
        return first
    }

    func contains(_ text: NormalizedText, counter: StepCounter? = nil) -> Bool {
        firstMatch(in: text, counter: counter) != nil
    }

    /// Whether some phrase is the whole of the folded bytes (bounding spaces included).
    func matchesWhole(_ bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil) -> Bool {
        var whole = false
        scan(bytes, counter: counter) { entry, end in
            whole = end == bytes.count && entry.phrase.count == bytes.count
            return whole
        }
        return whole
    }

    /// Of the matches that end where the folded bytes end, the one `matches(in:)` lists last (the shortest).
    func lastMatch(endingAtEndOf bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil) -> Match? {
        var last: Match?
        scan(bytes, counter: counter) { entry, end in
            if end == bytes.count { last = Match(value: entry.value, range: (end - entry.phrase.count)..<end) }
            return false
        }
        return last
    }

    /// Whether some phrase starts the folded bytes.
    func matchesAtStart(_ bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil) -> Bool {
        var atStart = false
        scan(bytes, counter: counter) { entry, end in
            atStart = end == entry.phrase.count
            return atStart
        }
        return atStart
    }

    /// A scan fed piece by piece: text whose fold is the concatenation of the pieces (the folds of lines joined
    /// by spaces, each after the first without its leading space) is scanned once, however often it grows.
    struct ContinuedScan {
        fileprivate var row = 0
        /// Bytes fed so far.
        fileprivate(set) var length = 0
        /// Where the last match found so far ends (an offset into all the bytes fed).
        fileprivate(set) var lastMatchEnd: Int?
    }

    func continuedScan() -> ContinuedScan { ContinuedScan() }

    func feed(_ scan: inout ContinuedScan, _ bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter? = nil) {
        let offset = scan.length
        var lastMatchEnd = scan.lastMatchEnd
        scan.row = self.scan(bytes, from: scan.row, counter: counter) { _, end in
            lastMatchEnd = offset + end
            return false
        }
        scan.lastMatchEnd = lastMatchEnd
        scan.length += bytes.count
    }

    /// `feed`, stopping at the first match in `bytes` (the one that ends first, of those the longest), which it
    /// returns with its range offset by the bytes fed before. After a match the scan is done: feed it no more.
    func feedUntilFirstMatch(_ scan: inout ContinuedScan, _ bytes: UnsafeBufferPointer<UInt8>,
                             counter: StepCounter? = nil) -> Match? {
        let offset = scan.length
        var first: Match?
        scan.row = self.scan(bytes, from: scan.row, counter: counter) { entry, end in
            first = Match(value: entry.value, range: (offset + end - entry.phrase.count)..<(offset + end))
            return true
        }
        if let first { scan.lastMatchEnd = first.range.upperBound }
        scan.length += bytes.count
        return first
    }

    /// `feedUntilFirstMatch` of the fold of `text` (valid UTF-8) without its leading space, for text that follows
    /// what was fed after a byte that folds to a space (so the fold fed so far ends with a space). Runs of ASCII
    /// letters, digits and other ASCII bytes fold as they are read, and no fold is written: the automaton reads
    /// each word's letters lowercased and one space for each run of separators. A word holding an apostrophe or a
    /// non-ASCII byte is read again from its start, folded by `folding` up to just past a separator after it,
    /// and that fold is fed: folding is in its starting state after a separator, so the folds of such pieces, each
    /// without its leading space, make the fold of the whole. No phrase can end inside a word (every phrase ends
    /// with a space), so reading a word again finds nothing twice.
    func feedUntilFirstMatch(_ scan: inout ContinuedScan, foldOf text: UnsafeBufferPointer<UInt8>,
                             folding: inout FoldingBuffer, counter: StepCounter? = nil) -> Match? {
        var rest = text
        while true {
            let read = feedUntilFoldingNeeded(&scan, foldOf: rest, counter: counter)
            if read.match != nil { return read.match }
            guard let wordStart = read.wordStart else { return nil }
            // A word with an apostrophe or a non-ASCII byte: a piece from its start is folded and fed, then the rest
            // of the text. Text with one such word often has more (a language other than English): the piece runs
            // on for `foldedPieceLength` bytes, to just past the next separator, so it is folded in few calls.
            let cut = NormalizedText.asciiFolding.withUnsafeBufferPointer { folding in
                var cut = Swift.min(Swift.max(read.stop, wordStart + Self.foldedPieceLength), rest.count)
                while cut < rest.count, folding[Int(rest[cut])] != NormalizedText.separator { cut += 1 }
                return cut < rest.count ? cut + 1 : cut
            }
            let piece = UnsafeBufferPointer(rebasing: rest[wordStart..<cut])
            let found = folding.withFold(of: piece, counter: counter) { folded in
                feedUntilFirstMatch(&scan, UnsafeBufferPointer(rebasing: folded.dropFirst()), counter: counter)
            }
            if found != nil || cut == rest.count { return found }
            rest = UnsafeBufferPointer(rebasing: rest[cut...])
        }
    }

    /// Bytes at least that `feedUntilFirstMatch(_:foldOf:folding:counter:)` folds at once.
    private static var foldedPieceLength: Int { 256 }

    /// The ASCII reading of `feedUntilFirstMatch(_:foldOf:folding:counter:)`: feeds the fold of `text` until a
    /// match, the end (closing space included), or a byte that needs folding (an apostrophe or a non-ASCII byte).
    /// There it stops with `scan` as it was at the start of that byte's word (`wordStart`), `stop` being the byte.
    private func feedUntilFoldingNeeded(_ scan: inout ContinuedScan, foldOf text: UnsafeBufferPointer<UInt8>,
                                        counter: StepCounter?) -> (match: Match?, wordStart: Int?, stop: Int) {
        var row = scan.row
        var fed = scan.length
        var wordStart = 0, rowAtWordStart = row, fedAtWordStart = fed
        var lastWasSpace = true
        var index = 0
        // The row of the state where a phrase ended, else why the reading stopped.
        let endReached = -1, foldingNeeded = -2
        let outcome = NormalizedText.asciiFolding.withUnsafeBufferPointer { folding in
            transitions.withUnsafeBufferPointer { transitions in
                classOf.withUnsafeBufferPointer { classOf in
                    let space = Int(classOf[0x20])
                    let count = text.count
                    while true {
                        if index < count {
                            let mapped = folding[Int(text[index])]
                            if mapped &- 1 < 0xFD {
                                // A letter or digit, the bulk of the text: read with the word-start state left
                                // as it is, so the loop keeps few variables.
                                index &+= 1
                                lastWasSpace = false
                                fed &+= 1
                                let next = Int(transitions[row &+ Int(classOf[Int(mapped)])])
                                if next > 0 { row = next; continue }
                                if next < 0 { return ~next }
                                // Back at the root inside a word: the word's other letters and digits (which fold
                                // one to one) cannot start a phrase; the next separator, apostrophe or non-ASCII
                                // byte is read as above.
                                let letters = index
                                while index < count, folding[Int(text[index])] &- 1 < 0xFD { index &+= 1 }
                                fed &+= index &- letters
                                row = 0
                                continue
                            }
                            guard mapped == NormalizedText.separator else { return foldingNeeded }
                            index &+= 1
                            if lastWasSpace { wordStart = index; continue }
                        } else if lastWasSpace {
                            return endReached
                        }
                        // A space: the first of a run of separators, or the fold's closing space. Every phrase
                        // starts with one, so the state reached is the root only in a table without phrases, where
                        // the letters that follow are passed over by the letter path above all the same.
                        lastWasSpace = true
                        fed &+= 1
                        let next = Int(transitions[row &+ space])
                        if next < 0 { return ~next }
                        row = next
                        wordStart = index; rowAtWordStart = row; fedAtWordStart = fed
                    }
                }
            }
        }
        // One step per byte fed.
        counter?.add(fed &- scan.length)
        switch outcome {
        case foldingNeeded:
            scan.row = rowAtWordStart
            scan.length = fedAtWordStart
            return (nil, wordStart, index)
        case endReached:
            scan.row = row
            scan.length = fed
            return (nil, nil, index)
        default:
            // The first phrase listed where phrases end is the longest of those ending first.
            row = outcome
            let entry = entries[Int(outputList[Int(outputStart[row / columns])])]
            let match = Match(value: entry.value, range: (fed - entry.phrase.count)..<fed)
            scan.row = row
            scan.length = fed
            scan.lastMatchEnd = match.range.upperBound
            return (match, nil, index)
        }
    }

    /// Runs the automaton over `bytes` from `start` (a state's row, 0 for the first), calling `found` with each phrase that ends (and the offset
    /// just past it) in order of where it ends, the longest first; stops when `found` returns true. One step per
    /// byte and per phrase reported. Returns the row of the state reached.
    @discardableResult
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, counter: StepCounter?,
                      _ found: ((phrase: [UInt8], value: Value), Int) -> Bool) -> Int {
        // The bytes read and the phrases reported are counted when the scan ends, not at each byte.
        var consumed = bytes.count
        var reported = 0
        defer { counter?.add(consumed &+ reported) }
        return transitions.withUnsafeBufferPointer { transitions in
            classOf.withUnsafeBufferPointer { classOf in
                outputStart.withUnsafeBufferPointer { outputStart in
                    outputList.withUnsafeBufferPointer { outputList in
                        var row = start
                        guard let first = bytes.baseAddress else { return row }
                        // Read by a pointer up to the end: the loop then keeps no count beside it.
                        let last = first + bytes.count
                        var cursor = first
                        while cursor < last {
                            let next = Int(transitions[row &+ Int(classOf[Int(cursor.pointee)])])
                            cursor += 1
                            guard next < 0 else { row = next; continue }
                            row = ~next
                            let state = row / columns
                            // The offset just past the byte read.
                            let end = first.distance(to: cursor)
                            for position in Int(outputStart[state])..<Int(outputStart[state &+ 1]) {
                                reported &+= 1
                                if found(entries[Int(outputList[position])], end) {
                                    consumed = end
                                    return row
                                }
                            }
                        }
                        return row
                    }
                }
            }
        }
    }
}
