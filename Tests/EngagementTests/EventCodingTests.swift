import Foundation
import Testing
@testable import Engagement

@Test func handWrittenEventJSONDecodesWithOmittedOptionalFields() throws {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    let json = """
    {"contact":"Ada@Acme.io","kind":{"imported":{"profile":{"firstName":"Ada"}}},"at":"2027-01-15T08:00:00Z",\
    "idempotencyKey":"k1","source":"test","evidence":[]}
    """
    let event = try decoder.decode(EngagementEvent.self, from: Data(json.utf8))
    #expect(event.kind == .imported(profile: ContactProfile(firstName: "Ada")))
    #expect(event.contact == "ada@acme.io")
    let bounce = try decoder.decode(EngagementEventKind.self, from: Data(#"{"softBounce":{}}"#.utf8))
    #expect(bounce == .softBounce(status: nil, diagnostic: nil))
}
