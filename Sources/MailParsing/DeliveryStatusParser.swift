/// Reads the body of a message/delivery-status (RFC 3464) or message/global-delivery-status
/// (RFC 6533) part: a per-message block, then one block per recipient, separated by blank lines.
/// Real reports add or omit blank lines; recipient blocks are therefore started by their
/// Final-Recipient / Original-Recipient field, not by the blank line alone.
enum DeliveryStatusParser {
    static func parse(_ body: [UInt8], fromMislabeledPart: Bool = false) -> DeliveryStatusReport? {
        let read = StatusBlockReader.read(body)
        typealias Field = HeaderBlockParser.FieldLayout
        // The fields are grouped as located, each name classified once; a recipient's values are derived as its
        // fields are grouped, and only those become strings here, the rest when `fields` is read.
        let (perMessage, recipients) = read.source.withUnsafeBufferPointer {
            buffer -> ([Field], [DeliveryStatusRecipient]) in
            func lowercasedName(_ field: Field) -> String {
                let name = UnsafeBufferPointer(rebasing: buffer[field.name])
                return String(unsafeUninitializedCapacity: name.count) { output in
                    for index in 0..<name.count { output[index] = ByteScanning.lowercased(name[index]) }
                    return name.count
                }
            }
            let blocks = read.blocks
            // The per-message fields and each recipient's are gathered as where they lie in `blocks`: nearly always
            // one whole block each, handed on as that block's list.
            var perMessage = StatusFieldGroup()
            var recipients: [DeliveryStatusRecipient] = []
            recipients.reserveCapacity(blocks.count)
            var current: StatusFieldGroup? = nil
            var currentRecipient = DeliveryStatusRecipient()
            var currentHasFinal = false, currentHasOriginal = false
            var currentEndsWithFinal = false

            func appendToCurrent(_ blockIndex: Int, _ index: Int, _ name: DeliveryStatusFieldName) {
                current?.append(block: blockIndex, index: index, of: blocks)
                currentRecipient.derive(name, from: blocks[blockIndex][index], in: buffer)
            }

            func finishRecipient() {
                // Moved out of `currentRecipient` (left empty for the next one) into the list, not copied: a copy
                // retained every value derived, and then released them all again when the next recipient began.
                var finished = DeliveryStatusRecipient()
                swap(&finished, &currentRecipient)
                if let group = current, !group.isEmpty {
                    finished.setFields(UnreadHeaderBlock(source: read.source, layout: group.fields(of: blocks)))
                    recipients.append(consume finished)
                }
                current = nil
                currentHasFinal = false
                currentHasOriginal = false
                currentEndsWithFinal = false
            }

            // One list of names, reused for every block.
            var blockNames: [DeliveryStatusFieldName] = []
            for (blockIndex, block) in blocks.enumerated() {
                blockNames.removeAll(keepingCapacity: true)
                for field in block {
                    blockNames.append(DeliveryStatusFieldName(UnsafeBufferPointer(rebasing: buffer[field.name])))
                }
                // A block with no status field at all is text that follows the report (a pasted
                // header block, a mis-split MIME part); reading on would pollute the last recipient.
                if blockIndex > 0, !blockNames.contains(where: \.isStatusField) { break }
                let blockHasRecipient = blockNames.contains(.finalRecipient) || blockNames.contains(.originalRecipient)
                var blockStarted = true
                // Recipient fields written before the block's Final-Recipient (seen from some MTAs)
                // belong to the recipient that follows (by index in the block).
                var pending: [(index: Int, name: DeliveryStatusFieldName)] = []
                for (index, name) in blockNames.enumerated() {
                    let isFinal = name == .finalRecipient, isOriginal = name == .originalRecipient
                    if isFinal || isOriginal {
                        // Original-Recipient normally sits next to its Final-Recipient; after other
                        // fields it opens the next recipient.
                        let originalAfterOtherFields = isOriginal && currentHasFinal && !currentEndsWithFinal
                        let startsNew = current == nil
                            || (isFinal && currentHasFinal)
                            || (isOriginal && currentHasOriginal)
                            || originalAfterOtherFields
                            || (blockStarted && (currentHasFinal || currentHasOriginal))
                        if startsNew {
                            // Fields written before this recipient in its block: those the previous
                            // recipient lacks complete it (a stray blank line); the rest open this one.
                            var leading: [(index: Int, name: DeliveryStatusFieldName)] = []
                            if !pending.isEmpty {
                                var previousNames = Set<String>()
                                current?.forEach(of: blocks) { previousNames.insert(lowercasedName($0)) }
                                for (pendingIndex, pendingName) in pending {
                                    if current != nil, previousNames.insert(lowercasedName(block[pendingIndex])).inserted {
                                        appendToCurrent(blockIndex, pendingIndex, pendingName)
                                    } else {
                                        leading.append((pendingIndex, pendingName))
                                    }
                                }
                            }
                            finishRecipient()
                            current = StatusFieldGroup()
                            for (leadingIndex, leadingName) in leading { appendToCurrent(blockIndex, leadingIndex, leadingName) }
                            pending = []
                        }
                        if isFinal { currentHasFinal = true } else { currentHasOriginal = true }
                        appendToCurrent(blockIndex, index, name)
                        currentEndsWithFinal = isFinal
                        blockStarted = false
                    } else if name == .perMessage && (current == nil || !blockHasRecipient) {
                        perMessage.append(block: blockIndex, index: index, of: blocks)
                    } else if blockHasRecipient && blockStarted {
                        pending.append((index, name))
                    } else if current == nil {
                        perMessage.append(block: blockIndex, index: index, of: blocks)
                    } else {
                        appendToCurrent(blockIndex, index, name)
                        currentEndsWithFinal = false
                        blockStarted = false
                    }
                }
                for (pendingIndex, _) in pending { perMessage.append(block: blockIndex, index: pendingIndex, of: blocks) }
            }
            finishRecipient()
            return (perMessage.fields(of: blocks), recipients)
        }
        guard !perMessage.isEmpty || !recipients.isEmpty else { return nil }
        return DeliveryStatusReport(
            perMessage: UnreadHeaderBlock(source: read.source, layout: perMessage),
            recipients: recipients,
            fromMislabeledPart: fromMislabeledPart)
    }

    /// Whether a text part reads as a status block mislabelled as text/plain: a recipient
    /// field at the start of a line plus an Action or Status field (within the first 64 KiB).
    static func looksLikeStatusBlock(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer in
            let window = UnsafeBufferPointer(rebasing: buffer[..<min(buffer.count, 64 * 1024)])
            return hasLine(startingWith: "final-recipient:", in: window)
                && (hasLine(startingWith: "status:", in: window) || hasLine(startingWith: "action:", in: window))
        }
    }

    /// Whether a line of `text` starts with `prefix` (lowercase), ASCII case ignored: compared in place at each
    /// line start, no lowercased copy of the text made.
    private static func hasLine(startingWith prefix: StaticString, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = prefix.utf8CodeUnitCount
        var lineStart = 0
        while lineStart + length <= text.count {
            if ByteScanning.equalsLowercase(text, lineStart..<(lineStart + length), prefix) { return true }
            guard let lineEnd = ByteScanning.firstIndex(of: 0x0A, in: text, from: lineStart, end: text.count) else {
                return false
            }
            lineStart = lineEnd + 1
        }
        return false
    }
}
