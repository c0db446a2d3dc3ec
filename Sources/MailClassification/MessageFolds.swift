import Foundation
import MailParsing

/// One message's subject and the start of its text body, folded for phrase matching at most once however many
/// bounce checks read them (the bounce test, the complaint test, the delay test and the format test all read the
/// same bytes). It keeps only those two strings, not the message (a copy of which retains every field).
///
/// The body's start is folded only as far as a reader needs: the format test stops at the first fingerprint, which
/// most reports give in their first lines, and the delay test first looks for its words in the text unfolded.
final class MessageFolds {
    /// UTF-8 bytes of the body's start that `bodyHead` folds.
    static let bodyHeadLength = 3_000

    private let subjectText: String
    private let bodyText: String
    private let counter: StepCounter?
    private var subjectCache: NormalizedText?
    private var bodyHeadCache: NormalizedText?
    /// The fold of the body head's first `bodyFoldedThrough` bytes, while a reader that stopped early left the rest
    /// unfolded. Pieces end just after a byte that folds to a space, where folding is back in its starting state,
    /// so the fold of the next piece, less its leading space, continues this one.
    private var partialBodyHead: [UInt8] = []
    private var bodyFoldedThrough = 0
    private var pieceFolding = FoldingBuffer()

    init(of message: borrowing Message, counter: StepCounter?) {
        subjectText = message.subject ?? ""
        bodyText = message.textBody ?? ""
        self.counter = counter
    }

    /// The subject's first 200 bytes ("" without a subject), folded.
    var subject: NormalizedText {
        if let subjectCache { return subjectCache }
        let folded = NormalizedText(leadingBytes: 200, of: subjectText, counter: counter)
        subjectCache = folded
        return folded
    }

    /// The text body's first 3,000 bytes ("" without a text body), folded.
    var bodyHead: NormalizedText {
        if let bodyHeadCache { return bodyHeadCache }
        let folded: NormalizedText
        if !partialBodyHead.isEmpty, foldBodyHead(through: .max) != nil {
            folded = NormalizedText(folded: partialBodyHead)
            partialBodyHead = []
        } else {
            folded = NormalizedText(leadingBytes: Self.bodyHeadLength, of: bodyText, counter: counter)
        }
        bodyHeadCache = folded
        return folded
    }

    /// Whether a phrase of the table `anchors` stands for may be in `bodyHead`, read from the text unfolded while
    /// it is not folded yet.
    func bodyHeadMayHold(_ anchors: PhraseAnchors) -> Bool {
        bodyHeadCache != nil || anchors.mayMatch(leadingBytes: Self.bodyHeadLength, of: bodyText, counter: counter)
    }

    /// The first match of `table` in `prefix` joined with `bodyHead` (as `NormalizedText(joining:)` joins them),
    /// folding the body head only as far as that match.
    func firstMatch<Value>(of table: PhraseTable<Value>, inBodyHeadAfter prefix: NormalizedText) -> PhraseTable<Value>.Match? {
        var scan = table.continuedScan()
        if let inPrefix = prefix.bytes.withUnsafeBufferPointer({ table.feedUntilFirstMatch(&scan, $0, counter: counter) }) {
            return inPrefix
        }
        // The body head's leading space is the prefix's last byte, so its fold is read from its second byte.
        var scanned = 1
        var target = 0
        while bodyHeadCache == nil {
            target += 256
            guard let complete = foldBodyHead(through: target) else { break }
            let found = partialBodyHead.withUnsafeBufferPointer { folded in
                table.feedUntilFirstMatch(&scan, UnsafeBufferPointer(rebasing: folded[min(scanned, folded.count)...]),
                                          counter: counter)
            }
            scanned = partialBodyHead.count
            if complete {
                bodyHeadCache = NormalizedText(folded: partialBodyHead)
                partialBodyHead = []
                return found
            }
            if found != nil { return found }
        }
        // Folded whole already (or not readable in place): the rest of the head is read from its fold.
        return bodyHead.bytes.withUnsafeBufferPointer { folded in
            table.feedUntilFirstMatch(&scan, UnsafeBufferPointer(rebasing: folded[min(scanned, folded.count)...]),
                                      counter: counter)
        }
    }

    /// Folds the body head on to just past the first byte at or after `target` that folds to a space (or to its
    /// end). Returns whether the whole head is folded; nil when the text cannot be read in place.
    private func foldBodyHead(through target: Int) -> Bool? {
        bodyText.utf8.withContiguousStorageIfAvailable { utf8 in
            let end = NormalizedText.scalarBoundary(atOrBefore: Self.bodyHeadLength, in: utf8)
            var cut = Swift.min(Swift.max(target, bodyFoldedThrough), end)
            while cut < end, !NormalizedText.foldsToSpace(utf8[cut]) { cut += 1 }
            if cut < end { cut += 1 }
            let piece = UnsafeBufferPointer(rebasing: utf8[bodyFoldedThrough..<cut])
            pieceFolding.withFold(of: piece, counter: counter) { folded in
                partialBodyHead.append(contentsOf: partialBodyHead.isEmpty ? folded[...] : folded.dropFirst())
            }
            bodyFoldedThrough = cut
            return cut == end
        }
    }
}
