import Foundation
import Engagement
@testable import EngagementStore

let baseTime = Date(timeIntervalSince1970: 1_800_000_000)

func importEvent(_ email: String, key: String? = nil) -> EngagementEvent {
    EngagementEvent(contact: email, kind: .imported(profile: ContactProfile(firstName: "F")), at: baseTime,
                    idempotencyKey: key, source: "test")
}

func event(_ email: String, _ kind: EngagementEventKind, key: String? = nil, offset: TimeInterval = 60) -> EngagementEvent {
    EngagementEvent(contact: email, kind: kind, at: baseTime.addingTimeInterval(offset), idempotencyKey: key,
                    source: "imap:test/INBOX uid \(key ?? "-")", evidence: ["line"])
}

func lines(of path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
}

func journalFiles(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("journal.") }.sorted()
}
