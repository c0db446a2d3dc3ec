/// Parses raw mail bytes into a `Message`. Never throws: malformed input yields a best-effort
/// message plus `ParseWarning`s. Work is bounded by `ParseLimits`; descent (multipart and
/// embedded messages) stops at `maxDepth`, so input nesting cannot exhaust the stack.
public struct MessageParser: Sendable {
    public let limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    public func parse(_ bytes: [UInt8]) -> Message {
        var warnings: [ParseWarning] = []
        var input = bytes[...]
        // Blank lines before the first header (left by some exporters) are not the header/body separator.
        while let first = input.first, first == 0x0A || first == 0x0D { input = input.dropFirst() }
        if input.count > limits.maxMessageBytes {
            warnings.append(.limit("max-message-bytes",
                                   "message is \(bytes.count) bytes; only the first \(limits.maxMessageBytes) were parsed"))
            input = input.prefix(limits.maxMessageBytes)
        }
        var run = ParseRun(limits: limits)
        // The whole input needs no copy unless it holds a CR.
        let normalized = input.count == bytes.count ? LineEndings.normalized(bytes) : LineEndings.normalized(input)
        var message = parseMessage(normalized, span: 0..<normalized.count, depth: 0, headersOnly: false, run: &run)
        // Inserting nothing still made the message's warning list unique: a copy of it for nearly every message.
        if !warnings.isEmpty { message.warnings.insert(contentsOf: warnings, at: 0) }
        return message
    }

    /// State shared by every level of one parse: the part budget.
    struct ParseRun {
        let limits: ParseLimits
        var partCount = 0
        var reportedPartLimit = false
    }

    /// What one message collects from its own parts (not from embedded messages' parts).
    private struct Collector {
        /// Whether inline plain text is decoded as it is found: only for the message parsed, whose text every reader
        /// wants; HTML, and an embedded message's text, are left to be decoded when read (see `MessageBodyText`).
        let decodesText: Bool
        var plainTexts = FirstInlineList<String>()
        var plainParts = FirstInlineList<DeferredInlineText.Part>()
        var htmlParts = FirstInlineList<DeferredInlineText.Part>()
        var reports: [DeliveryStatusReport] = []
        var feedback: [FeedbackReport] = []
        var embedded: [Message] = []
        var warnings: [ParseWarning] = []
    }

    /// Parses one message from `bytes[span]`, in an LF-normalised buffer (an embedded message is read in the buffer
    /// that carries it).
    func parseMessage(_ bytes: [UInt8], span: Range<Int>, depth: Int, headersOnly: Bool,
                      run: inout ParseRun) -> Message {
        var collector = Collector(decodesText: depth == 0)
        var found = HeaderFieldNames.FirstFields()
        let root = bytes.withUnsafeBufferPointer { buffer -> MessagePart in
            let end = span.upperBound
            let block = readHeaders(buffer, source: bytes, start: span.lowerBound, end: end, path: "1",
                                    expectedFields: 32, collector: &collector)
            let bodyRange = headersOnly ? end..<end : block.bodyStart..<end
            found = block.headers.firstFields(named: Self.messageFieldNames)
            return parsePart(buffer, source: bytes, headers: block.headers, found: found, body: bodyRange,
                             depth: depth, defaultType: .textPlain, path: "1", run: &run, collector: &collector)
        }
        let headers = root.headers
        if headersOnly {  // text/rfc822-headers: there is no body to read text from
            collector.plainTexts.removeAll()
            collector.plainParts.removeAll()
            collector.htmlParts.removeAll()
        }
        if headers.isEmpty && !span.isEmpty {
            collector.warnings.append(ParseWarning(code: "no-headers", message: "the input has no header fields"))
        }
        if collector.reports.isEmpty, root.contentType.isMIMEType("multipart", "report") {
            findMislabeledStatusBlock(in: root, collector: &collector)
        }
        if collector.reports.isEmpty, collector.embedded.isEmpty, depth < limits.maxDepth,
           root.children.isEmpty, root.contentType.isMIMEType("text", "plain"),
           let start = InlineForwardedReport.start(in: root.decodedBody) {
            let pastedBytes = LineEndings.normalized(root.decodedBody[start...])
            let pasted = parseMessage(pastedBytes, span: 0..<pastedBytes.count, depth: depth + 1, headersOnly: false,
                                      run: &run)
            if !pasted.deliveryStatusReports.isEmpty {
                collector.embedded.append(pasted)
                collector.warnings.append(ParseWarning(code: "inline-forwarded-report",
                    message: "a delivery report pasted into the text body was read as an embedded message"))
            }
        }
        return .parsed(headers: headers, root: root,
                       textBody: Self.bodyText(collector.plainTexts, deferred: collector.plainParts),
                       htmlBody: Self.bodyText(FirstInlineList(), deferred: collector.htmlParts),
                       deliveryStatusReports: collector.reports, feedbackReports: collector.feedback,
                       embeddedMessages: collector.embedded, warnings: collector.warnings,
                       fieldsReadAtInit: .init(messageID: found[3], subject: found[4], inReplyTo: found[5],
                                               references: found[6], date: found[7]),
                       readsHeadersWhenAsked: depth > 0)
    }

    /// Every header block (the message's, each part's) stays unread: readers ask for a few of its fields by name.
    /// `source` is the array `buffer` points into, which the block keeps instead of copying its bytes.
    /// Texts decoded up front joined by a line feed, or the parts left undecoded.
    private static func bodyText(_ texts: FirstInlineList<String>,
                                 deferred parts: FirstInlineList<DeferredInlineText.Part>) -> MessageBodyText {
        if !parts.isEmpty { return .deferred(DeferredInlineText(parts: parts)) }
        if let only = texts.first, texts.rest.isEmpty { return .text(only) }
        return .text(texts.isEmpty ? nil : texts.elements.joined(separator: "\n"))
    }

    private func readHeaders(_ buffer: UnsafeBufferPointer<UInt8>, source: [UInt8], start: Int, end: Int, path: String,
                             expectedFields: Int,
                             collector: inout Collector) -> (headers: HeaderSection, bodyStart: Int) {
        let result = HeaderBlockParser(maxFields: limits.maxHeaders)
            .locate(buffer, start: start, end: end, expectedFields: expectedFields)
        if result.droppedFields > 0 {
            collector.warnings.append(.limit("max-headers",
                "part \(path): \(result.droppedFields) header fields past the limit of \(limits.maxHeaders) were dropped"))
        }
        if result.malformedLines > 0 {
            collector.warnings.append(ParseWarning(code: "malformed-header",
                message: "part \(path): \(result.malformedLines) header line(s) without a field name or leading whitespace were read as continuations"))
        }
        return (HeaderSection(unread: UnreadHeaderBlock(source: source, layout: result.fields)), result.bodyStart)
    }

    /// The fields a part's reading depends on: Content-Type, Content-Transfer-Encoding, Content-Disposition.
    private static let partFieldNames = HeaderFieldNames(["Content-Type", "Content-Transfer-Encoding",
                                                          "Content-Disposition"])
    /// A message's own fields: its root part's (`partFieldNames`, at the same indices), then those the message reads
    /// when made (Message-ID, Subject, In-Reply-To, References). One pass over a message's many fields finds them all,
    /// where the part and the message each went over them.
    private static let messageFieldNames = HeaderFieldNames(["Content-Type", "Content-Transfer-Encoding",
                                                             "Content-Disposition", "Message-ID", "Subject",
                                                             "In-Reply-To", "References", "Date"])

    /// `found`: the first field of each of `partFieldNames` (at least those) in `headers`.
    private func parsePart(_ buffer: UnsafeBufferPointer<UInt8>, source: [UInt8], headers: HeaderSection,
                           found: HeaderFieldNames.FirstFields, body: Range<Int>, depth: Int, defaultType: ContentType,
                           path: String, run: inout ParseRun, collector: inout Collector) -> MessagePart {
        run.partCount += 1
        // The three fields are parsed from their bytes in place when they are one plain line (nearly always).
        var contentType = defaultType
        var declaresType = false, unreadableType = false
        if let typeField = found[0] {
            declaresType = true
            headers.withValueUTF8(at: typeField) { value in
                if let parsed = ContentType.parse(headerBytes: value) {
                    contentType = parsed
                } else {
                    unreadableType = true
                }
            }
        }
        if unreadableType {
            let value = found[0].map(headers.value(at:)) ?? ""
            collector.warnings.append(ParseWarning(code: "bad-content-type",
                message: "part \(path): unreadable Content-Type \"\(value.prefix(80))\", read as \(defaultType.mimeType)"))
        }
        let transferEncoding = found[1].map { headers.withValueUTF8(at: $0, TransferDecoding.encodingName) } ?? "7bit"
        let disposition = found[2].map { headers.withValueUTF8(at: $0, ContentDisposition.init(headerBytes:)) }
        let filename = disposition?.filename ?? contentType.name

        if depth == 0, !declaresType, !body.isEmpty,
           let guessed = MultipartSplitter.guessBoundary(buffer, body: body),
           case let split = MultipartSplitter.split(buffer, body: body, boundary: guessed), split.parts.count >= 2,
           !Self.preambleIsText(buffer, from: body.lowerBound, to: split.parts[0].lowerBound) {
            // Headers were stripped (common in forwarded or archived bounces) but the body is
            // plainly MIME: read it as multipart/mixed with the boundary it uses.
            collector.warnings.append(ParseWarning(code: "multipart-without-content-type",
                message: "part \(path): no Content-Type, but the body is MIME parts; read as multipart/mixed"))
            contentType = ContentType(type: "multipart", subtype: "mixed",
                                      parameters: [MIMEParameter(name: "boundary", value: String(decoding: guessed, as: UTF8.self))])
        }
        // The part is made once, from what its body holds: a large value, it is not copied while being filled in.
        let content = readContent(buffer, source: source, contentType: contentType, transferEncoding: transferEncoding,
                                  inline: !(disposition?.isAttachment ?? false), body: body, depth: depth, path: path,
                                  run: &run, collector: &collector)
        // Consumed, not copied: a copy of every field of the part, then a release of the originals, was the cost.
        let (children, embedded, partBody, text) = content.fields()
        return .assembled(path: path, headers: headers, contentType: consume contentType,
                          transferEncoding: consume transferEncoding, disposition: consume disposition,
                          filename: consume filename, children: consume children, embeddedStorage: consume embedded,
                          body: consume partBody, textSource: consume text)
    }

    /// What a part's body holds, once read.
    private struct PartContent {
        var children: [MessagePart] = []
        var body = PartBody.decoded([])
        var text: MessagePart.TextSource = .none
        /// The message the part carries, if any (the part's storage for `embeddedMessage`).
        var embedded: [Message] = []

        /// The fields taken apart, so that each is handed on without a copy.
        consuming func fields() -> ([MessagePart], [Message], PartBody, MessagePart.TextSource) {
            (children, embedded, body, text)
        }
    }

    private func readContent(_ buffer: UnsafeBufferPointer<UInt8>, source: [UInt8], contentType: ContentType,
                             transferEncoding: String, inline: Bool, body: Range<Int>, depth: Int, path: String, run: inout ParseRun,
                             collector: inout Collector) -> PartContent {
        var content = PartContent()
        if contentType.isMultipart {
            guard depth < limits.maxDepth else {
                collector.warnings.append(.limit("max-depth",
                    "part \(path): nesting deeper than \(limits.maxDepth) levels was not descended into"))
                content.body = .decoded(Array(UnsafeBufferPointer(rebasing: buffer[body])))
                return content
            }
            content.children = parseMultipart(buffer, source: source, contentType: contentType, body: body,
                                              depth: depth, path: path, run: &run, collector: &collector)
            return content
        }

        let isInlineText = inline && contentType.isText
            && (contentType.subtype.equalsToken("plain") || contentType.subtype.equalsToken("html"))
        guard isInlineText || contentType.isEmbeddedMessage || contentType.isDeliveryStatus
                || contentType.isFeedbackReport else {
            // Bytes the parser does not read (an attachment, an image, a document) are decoded when first read.
            content.body = .deferred(DeferredPartBody(source: source, range: body, encoding: transferEncoding))
            if contentType.isText { content.text = .undecoded(charset: contentType.charset) }
            return content
        }
        if contentType.isEmbeddedMessage {
            // A message carried as is (7bit, 8bit, binary) is read where it lies: this buffer is LF-normalised
            // already, and a copy of it (a large one, then a pass looking for CRs) bought nothing. The part's own
            // bytes are then copied out only if they are read.
            let embeddedSource: [UInt8], embeddedSpan: Range<Int>
            if TransferDecoding.changesNoByte(transferEncoding) {
                content.body = .deferred(DeferredPartBody(source: source, range: body, encoding: transferEncoding))
                (embeddedSource, embeddedSpan) = (source, body)
            } else {
                let decoded = TransferDecoding.decode(UnsafeBufferPointer(rebasing: buffer[body]),
                                                      encoding: transferEncoding)
                content.body = .decoded(decoded)
                let normalized = LineEndings.normalized(decoded)
                (embeddedSource, embeddedSpan) = (normalized, 0..<normalized.count)
            }
            if depth >= limits.maxDepth {
                collector.warnings.append(.limit("max-depth",
                    "part \(path): embedded message deeper than \(limits.maxDepth) levels was not parsed"))
            } else {
                let headersOnly = contentType.subtype.hasSuffix("headers")
                // Some MTAs put a blank line before the attached message's headers.
                var headerStart = embeddedSpan.lowerBound
                while headerStart < embeddedSpan.upperBound, ByteScanning.isWhitespace(embeddedSource[headerStart]) {
                    headerStart += 1
                }
                // Made straight into the one-element list the part and the message share: a message is a large
                // value, and making it first and listing it after copied it whole.
                let boxed = [parseMessage(embeddedSource, span: headerStart..<embeddedSpan.upperBound,
                                          depth: depth + 1, headersOnly: headersOnly, run: &run)]
                content.embedded = boxed
                // The part and the message's list share one array while it holds this message alone.
                if collector.embedded.isEmpty {
                    collector.embedded = boxed
                } else {
                    collector.embedded.append(contentsOf: boxed)
                }
            }
            if contentType.isText { content.text = .undecoded(charset: contentType.charset) }
            return content
        }
        let decoded = TransferDecoding.decode(UnsafeBufferPointer(rebasing: buffer[body]), encoding: transferEncoding)
        content.body = .decoded(decoded)
        if contentType.isDeliveryStatus {
            if let report = DeliveryStatusParser.parse(decoded) { collector.reports.append(report) }
            content.text = .undecoded(charset: contentType.charset ?? "utf-8")
            return content
        }
        if contentType.isFeedbackReport {
            if let report = FeedbackReport.parse(decoded) { collector.feedback.append(report) }
            content.text = .undecoded(charset: contentType.charset ?? "utf-8")
            return content
        }
        // What is left is inline text/plain or text/html.
        let isPlain = contentType.subtype.equalsToken("plain")
        // HTML is read only when a message has no plain text: it is always left to be decoded when read.
        if collector.decodesText && isPlain {
            let text = TextDecoding.decode(decoded, charset: contentType.charset)
            content.text = .decoded(text)
            collector.plainTexts.append(text)
        } else {
            content.text = .undecoded(charset: contentType.charset)
            let part = DeferredInlineText.Part(body: decoded, charset: contentType.charset)
            if isPlain { collector.plainParts.append(part) } else { collector.htmlParts.append(part) }
        }
        return content
    }

    /// Whether the text before the first boundary line is a message of its own (three or more non-blank lines,
    /// e.g. a bounce notice that quotes a MIME original below it) rather than a MIME preamble ("This is a
    /// multi-part message in MIME format."). Such a body is text that quotes MIME, not a MIME body.
    static func preambleIsText(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var lines = 0
        var position = start
        while position < end {
            let lineEnd = ByteScanning.lineEnd(buffer, from: position, end: end)
            var index = position
            while index < lineEnd, ByteScanning.isWhitespace(buffer[index]) { index += 1 }
            if index < lineEnd { lines += 1 }
            if lines >= 4 { return true }   // the boundary line itself is the last one counted
            position = lineEnd + 1
        }
        return false
    }

    private func parseMultipart(_ buffer: UnsafeBufferPointer<UInt8>, source: [UInt8], contentType: ContentType,
                                body: Range<Int>, depth: Int, path: String, run: inout ParseRun,
                                collector: inout Collector) -> [MessagePart] {
        // The declared boundary is read in place from its string.
        var declared = contentType.boundary ?? ""
        var split = declared.withUTF8 { MultipartSplitter.split(buffer, body: body, boundary: $0) }
        if split.parts.isEmpty {
            if let guessed = MultipartSplitter.guessBoundary(buffer, body: body) {
                collector.warnings.append(ParseWarning(code: "wrong-boundary",
                    message: "part \(path): the declared boundary does not occur; used \"--\(String(decoding: guessed, as: UTF8.self))\" found in the body"))
                split = MultipartSplitter.split(buffer, body: body, boundary: guessed)
            }
        }
        let childDefault: ContentType = contentType.subtype.equalsToken("digest") ? .messageRFC822 : .textPlain
        if split.parts.isEmpty {
            collector.warnings.append(ParseWarning(code: "boundary-not-found",
                message: "part \(path): no multipart boundary found; the body was read as one part"))
            guard !body.isEmpty else { return [] }
            return [parseChild(buffer, source: source, range: body, depth: depth, defaultType: .textPlain,
                               path: PartPath.child(of: path, number: 1), run: &run, collector: &collector)]
        }
        if !split.closed {
            collector.warnings.append(ParseWarning(code: "missing-final-boundary",
                message: "part \(path): the closing boundary is missing; the last part runs to the end"))
        }
        var children: [MessagePart] = []
        children.reserveCapacity(split.parts.count)
        for (index, range) in split.parts.enumerated() {
            if run.partCount >= limits.maxParts {
                if !run.reportedPartLimit {
                    run.reportedPartLimit = true
                    collector.warnings.append(.limit("max-parts",
                        "part \(path): more than \(limits.maxParts) MIME parts; the rest were not parsed"))
                }
                break
            }
            children.append(parseChild(buffer, source: source, range: range, depth: depth, defaultType: childDefault,
                                       path: PartPath.child(of: path, number: index + 1),
                                       run: &run, collector: &collector))
        }
        return children
    }

    private func parseChild(_ buffer: UnsafeBufferPointer<UInt8>, source: [UInt8], range: Range<Int>, depth: Int,
                            defaultType: ContentType, path: String, run: inout ParseRun,
                            collector: inout Collector) -> MessagePart {
        let block = readHeaders(buffer, source: source, start: range.lowerBound, end: range.upperBound, path: path,
                                expectedFields: 8, collector: &collector)
        return parsePart(buffer, source: source, headers: block.headers,
                         found: block.headers.firstFields(named: Self.partFieldNames),
                         body: block.bodyStart..<range.upperBound,
                         depth: depth + 1, defaultType: defaultType, path: path, run: &run, collector: &collector)
    }

    /// Some MTAs label the status block text/plain inside multipart/report; read it when its
    /// fields make that unambiguous.
    private func findMislabeledStatusBlock(in root: MessagePart, collector: inout Collector) {
        // The first part of a report is the human-readable text, except when the boundary was never found and
        // the whole report (text and status fields) is one part.
        let candidates = root.children.count == 1 ? root.children[...] : root.children.dropFirst()
        for child in candidates where child.contentType.isMIMEType("text", "plain") {
            guard DeliveryStatusParser.looksLikeStatusBlock(child.decodedBody),
                  let report = DeliveryStatusParser.parse(child.decodedBody, fromMislabeledPart: true),
                  !report.recipients.isEmpty else { continue }
            collector.reports.append(report)
            collector.warnings.append(ParseWarning(code: "mislabeled-delivery-status",
                message: "part \(child.path): delivery status fields read from a part labelled text/plain"))
        }
    }
}
