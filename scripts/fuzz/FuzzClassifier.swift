// libFuzzer entry point for MailClassification over MailParsing: whatever bytes arrive in a mailbox, classifying them
// must neither crash nor hang (a message that crashes the worker would crash it again at every restart).
// Built by scripts/fuzz/run classifier (swiftc; SwiftPM cannot link fuzzers).
import MailParsing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClassifyMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ParseLimits(maxMessageBytes: 1 << 20, maxDepth: 16, maxHeaders: 500, maxParts: 500)
    let message = MessageParser(limits: limits).parse(bytes)
    // Configured unsubscribe mailboxes switch on a check that is skipped otherwise.
    for classifier in [Classifier(), Classifier(unsubscribeMailboxes: ["unsubscribe@example.com"])] {
        let verdict = classifier.classify(message)
        var sink = verdict.evidence.count + verdict.recipients.count + (verdict.replyText?.utf8.count ?? 0)
            + (verdict.contact?.utf8.count ?? 0) + (verdict.returnDate?.utf8.count ?? 0)
        for recipient in verdict.recipients { sink += recipient.address.utf8.count + recipient.reason.utf8.count }
        if sink < 0 { return 1 }
    }
    return 0
}
