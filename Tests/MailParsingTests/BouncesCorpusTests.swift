import Foundation
import Testing
@testable import MailParsing

/// The shared development corpus of real bounces (outside the package; skipped when absent).
@Suite struct BouncesCorpusTests {
    static let corpus = ParserFixtures.packageRoot.appendingPathComponent("../shared/corpora/bounces-dev").standardized

    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "eml" }.sorted { $0.path < $1.path }
    }

    /// Every message of a tree: the message and its embedded messages, iteratively.
    static func flattened(_ message: Message) -> [Message] {
        var result: [Message] = []
        var stack = [message]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: next.embeddedMessages)
        }
        return result
    }

    @Test(.enabled(if: !files.isEmpty, "../shared/corpora/bounces-dev is not present"))
    func everyDeliveryStatusBlockAndEmbeddedOriginalIsFound() throws {
        var missingReports: [String] = []
        var withOriginal = 0, missingOriginals: [String] = []
        for file in Self.files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let message = MessageParser().parse(bytes)
            #expect(!message.headers.isEmpty, "\(file.lastPathComponent) has headers")
            let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
            let all = Self.flattened(message)
            // Every status part that holds a recipient block yields recipients.
            if lowered.contains("delivery-status"), lowered.contains("final-recipient:") {
                if !all.contains(where: { $0.deliveryStatusReports.contains { !$0.recipients.isEmpty } }) {
                    missingReports.append(file.lastPathComponent)
                }
            }
            if lowered.contains("content-type: message/rfc822") || lowered.contains("content-type: text/rfc822-headers") {
                withOriginal += 1
                if message.embeddedMessages.isEmpty && all.count == 1 { missingOriginals.append(file.lastPathComponent) }
            }
        }
        #expect(missingReports.isEmpty, "no delivery status found in \(missingReports)")
        // One corpus file declares a boundary its attached original does not use; nothing marks
        // where that original starts, so it stays inside the status part.
        #expect(missingOriginals.count * 100 <= withOriginal, "embedded originals missing in \(missingOriginals)")
    }
}
