import Testing
import TestSupport

@Test func helpListsTheProgramPurpose() throws {
    let outcome = try CLIRunner().run(["--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("Engagement Status"))
}
