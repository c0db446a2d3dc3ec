import Testing
@testable import EngagementStore

@Test func schemaVersionIsPositive() { #expect(StoreSchema.version >= 1) }
