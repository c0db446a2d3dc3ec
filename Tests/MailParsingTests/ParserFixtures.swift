import Foundation
@testable import MailParsing

/// Access to the hand-written messages in samples/parser and small builders for generated input.
enum ParserFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let directory = packageRoot.appendingPathComponent("samples/parser")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func message(_ name: String, limits: ParseLimits = .default) throws -> Message {
        MessageParser(limits: limits).parse(try bytes(name))
    }

    static func parse(_ text: String, limits: ParseLimits = .default) -> Message {
        MessageParser(limits: limits).parse(Array(text.utf8))
    }

    static var allNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
    }
}
