import Testing
@testable import EngagementStore

@Test func sortedStringsMergeAddedStringsIntoTheOrderedRunAsAFullSortWould() {
    let pool = ["b", "a", "B", "é", "e\u{301}x", "zz", "", "a10", "a2", "😀", "k9", "k10", "imap:sales/INBOX 7 42"]
    for loaded in [["k1", "k5", "m"], ["m", "k5", "k1"]] {
        var seen = Set(loaded)
        var strings = SortedStrings(loaded)
        for (round, string) in (pool + pool.map { $0 + "!" }).enumerated() {
            if seen.insert(string).inserted { strings.add(string) }
            if round.isMultiple(of: 5) { strings.consolidate() }
            #expect(strings.sorted == seen.sorted())
        }
    }
}

@Test func aListThatIsNotSortedOrHasRepeatsIsSortedWhenFirstNeeded() {
    #expect(SortedStrings(["b", "a", "b", "c"]).sorted == ["a", "b", "c"])
    #expect(SortedStrings(["a", "a"]).sorted == ["a"])
    #expect(SortedStrings([]).sorted.isEmpty)
}
