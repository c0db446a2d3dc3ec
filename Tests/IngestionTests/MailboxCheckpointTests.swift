import Foundation
import Testing
@testable import Ingestion

@Test func checkpointRoundTripsThroughJSON() throws {
    let cp = MailboxCheckpoint(uidValidity: 7, lastUID: 42)
    let back = try JSONDecoder().decode(MailboxCheckpoint.self, from: JSONEncoder().encode(cp))
    #expect(back == cp)
}
