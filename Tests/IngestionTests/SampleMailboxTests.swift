import Engagement
import EngagementStore
import Foundation
import Testing
import TestSupport
@testable import Ingestion

/// The quick start's data: samples/contacts.csv, the step-1 emails of samples/outbound.jsonl, samples/mailbox.
private enum QuickStartSamples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples")

    /// (contact, sequence, step, Message-ID) per line of outbound.jsonl.
    static func outbound() throws -> [(String, String, Int, String)] {
        let text = try String(contentsOf: root.appendingPathComponent("outbound.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (try #require(object["contact"] as? String), try #require(object["sequence"] as? String),
                    try #require(object["step"] as? Int), try #require(object["message_id"] as? String))
        }
    }

    static func prepareStore(_ directory: String) throws {
        let store = try EngagementStore.open(directory: URL(fileURLWithPath: directory))
        let at = Date(timeIntervalSince1970: 1_794_800_000)
        var events: [EngagementEvent] = []
        for (contact, sequence, step, id) in try outbound() {
            events += [
                EngagementEvent(contact: contact, kind: .imported(profile: ContactProfile()), at: at, source: "test"),
                EngagementEvent(contact: contact, kind: .enrolled(sequence: sequence), at: at, source: "test"),
                EngagementEvent(contact: contact, kind: .processed, at: at, source: "test"),
                EngagementEvent(contact: contact, kind: .advanced(step: step, outboundMessageID: id), at: at, source: "test"),
            ]
        }
        try store.apply(events)
    }
}

@Test func bundledSampleMailboxGivesTheDocumentedStatuses() async throws {
    let data = try TemporaryDirectory()
    try QuickStartSamples.prepareStore(data.path)
    let configuration = try WorkerConfiguration.load(
        path: QuickStartSamples.root.appendingPathComponent("quickstart.yaml").path, dataDirectory: data.path)
    let worker = try IngestionWorker(configuration: configuration, logger: .init(label: "test"))
    #expect(await worker.runOnce().map(\.outcome) == [.completed])

    let store = try EngagementStore.open(directory: data.url)
    let expected: [String: EngagementStatus] = [
        "rachel.moore@northwind-freight.example": .responded, "dchen@example.com": .responded,
        "priya@brightpath.example": .responded, "ogrant@tallow-systems.example": .responded,
        "k.vogel@brandt-logistik.example": .responded, "m.adeyemi@cobaltlabs.example": .badEmail,
        "ethan.brooks@quarrylane.example": .working, "camille.lefevre@atelier-morel.example": .working,
        "lucia.fernandez@grupo-iberica.example": .doNotContact, "rfoster@example.net": .doNotContact,
        "sanne.devries@polderdata.example": .doNotContact, "miriam.schaefer@example.org": .working,
        "giulia.romano@tessuti-como.example": .responded, "joao.ferreira@atlantico-seguros.example": .working,
        "megan.price@example.org": .responded,
    ]
    for (contact, status) in expected {
        #expect(store.contact(contact)?.engagementStatus == status, "\(contact)")
    }
    #expect(store.contact("m.adeyemi@cobaltlabs.example")?.recordStatus == .bounced)
    #expect(store.contact("ethan.brooks@quarrylane.example")?.softBounceCount == 1)
    #expect(store.contact("camille.lefevre@atelier-morel.example")?.lastAutoReply?.returnDate == "2026-11-30")
    #expect(store.contact("miriam.schaefer@example.org")?.lastAutoReply?.leftCompany == true)
    #expect(store.unmatched().map(\.from) == ["chris@rankrocket.example"])
    let complaint = try #require(try store.contactWithHistory("rfoster@example.net")?.history.last?.event)
    #expect(complaint.kind == .optOut(via: .spamComplaint))
    let listUnsubscribe = try #require(try store.contactWithHistory("sanne.devries@polderdata.example")?.history.last)
    #expect(listUnsubscribe.event.kind == .optOut(via: .link))
}
