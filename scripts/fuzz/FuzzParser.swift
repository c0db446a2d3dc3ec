// libFuzzer entry point for MailParsing: every input must parse without a crash, and the
// parser must tolerate the same bytes in any line-ending convention.
// Built by scripts/fuzz/run (swiftc over Sources/MailParsing; SwiftPM cannot link fuzzers).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParseMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ParseLimits(maxMessageBytes: 1 << 20, maxDepth: 16, maxHeaders: 500, maxParts: 500)
    let message = MessageParser(limits: limits).parse(bytes)
    // Touch what consumers read so lazily built values are exercised too.
    var sink = message.headers.fields.count + message.allParts.count + (message.textBody?.utf8.count ?? 0)
        + (message.htmlBody?.utf8.count ?? 0) + (message.subject?.utf8.count ?? 0)
    for report in message.deliveryStatusReports { sink += report.recipients.count }
    for report in message.feedbackReports { sink += report.originalRcptTo.count }
    // Addresses and the date are parsed on first read and cached: read them twice, here and in every original.
    for examined in [message, message] + message.embeddedMessages {
        sink += examined.headers.fields.count + examined.from.count + examined.to.count + examined.cc.count
            + examined.replyTo.count + (examined.date == nil ? 0 : 1) + examined.references.count
    }
    if sink < 0 { return 1 }
    return 0
}
