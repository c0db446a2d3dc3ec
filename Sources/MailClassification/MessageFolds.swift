import Foundation
import MailParsing

/// One message's subject and the start of its text body, folded for phrase matching at most once however many
/// bounce checks read them (the bounce test, the complaint test, the delay test and the format test all read the
/// same bytes). It keeps only those two strings, not the message (a copy of which retains every field).
///
/// The body's start is folded only when a reader needs its fold: the format test reads it unfolded up to the first
/// fingerprint, and the delay test first looks for its words in the text unfolded.
final class MessageFolds {
    /// UTF-8 bytes of the body's start that `bodyHead` folds.
    static let bodyHeadLength = 3_000

    private let subjectText: String
    private let bodyText: String
    private let counter: StepCounter?
    private var subjectCache: NormalizedText?
    private var bodyHeadCache: NormalizedText?
    /// Folds the words of the body head that `firstMatch(of:inBodyHeadAfter:)` cannot read unfolded.
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
        let folded = NormalizedText(leadingBytes: Self.bodyHeadLength, of: bodyText, counter: counter)
        bodyHeadCache = folded
        return folded
    }

    /// Whether a phrase of the table `anchors` stands for may be in `bodyHead`, read from the text unfolded while
    /// it is not folded yet.
    func bodyHeadMayHold(_ anchors: PhraseAnchors) -> Bool {
        bodyHeadCache != nil || anchors.mayMatch(leadingBytes: Self.bodyHeadLength, of: bodyText, counter: counter)
    }

    /// The first match of `table` in `prefix` joined with `bodyHead` (as `NormalizedText(joining:)` joins them),
    /// reading the body head unfolded unless it is folded already: only the words up to that match are read, and
    /// only those that hold an apostrophe or a non-ASCII byte are folded.
    func firstMatch<Value>(of table: PhraseTable<Value>, inBodyHeadAfter prefix: NormalizedText) -> PhraseTable<Value>.Match? {
        var scan = table.continuedScan()
        if let inPrefix = prefix.bytes.withUnsafeBufferPointer({ table.feedUntilFirstMatch(&scan, $0, counter: counter) }) {
            return inPrefix
        }
        if bodyHeadCache == nil, let found = bodyText.utf8.withContiguousStorageIfAvailable({ utf8 in
            let head = UnsafeBufferPointer(rebasing: utf8[..<NormalizedText.scalarBoundary(atOrBefore: Self.bodyHeadLength, in: utf8)])
            return table.feedUntilFirstMatch(&scan, foldOf: head, folding: &pieceFolding, counter: counter)
        }) {
            return found
        }
        // The body head's leading space is the prefix's last byte, so its fold is read from its second byte.
        return bodyHead.bytes.withUnsafeBufferPointer { folded in
            table.feedUntilFirstMatch(&scan, UnsafeBufferPointer(rebasing: folded.dropFirst()), counter: counter)
        }
    }
}
