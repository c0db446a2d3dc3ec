/// Distinct strings in `String` order, for the snapshot's sorted lists, without sorting them all again at every
/// compaction: a run in order (the last snapshot's) plus the strings added since, which alone are sorted and then
/// merged in. With a million idempotency keys, sorting them all was the largest cost of writing a snapshot.
struct SortedStrings {
    private var ordered: [String] = []
    /// False until `ordered` is known to be strictly increasing; a list read from a file is checked when first needed.
    private var orderedIsChecked = true
    private var addedSinceOrdered: [String] = []

    init() {}

    /// Strings as a file listed them: normally already sorted and distinct (checked, and if not sorted, when first
    /// needed, so opening a store pays nothing for it).
    init(_ strings: [String]) {
        ordered = strings
        orderedIsChecked = false
    }

    /// `string` must not be in the list yet (the caller keeps the set that says so).
    mutating func add(_ string: String) {
        addedSinceOrdered.append(string)
    }

    var sorted: [String] {
        var base = ordered
        if !orderedIsChecked && !zip(base, base.dropFirst()).allSatisfy({ $0 < $1 }) { base = Set(base).sorted() }
        guard !addedSinceOrdered.isEmpty else { return base }
        let added = addedSinceOrdered.sorted()
        var merged: [String] = []
        merged.reserveCapacity(base.count + added.count)
        var left = 0, right = 0
        while left < base.count && right < added.count {
            if added[right] < base[left] {
                merged.append(added[right])
                right += 1
            } else {
                merged.append(base[left])
                left += 1
            }
        }
        merged.append(contentsOf: base[left...])
        merged.append(contentsOf: added[right...])
        return merged
    }

    /// Makes the next `sorted` cheap: merges what was added into the ordered run.
    mutating func consolidate() {
        ordered = sorted
        orderedIsChecked = true
        addedSinceOrdered.removeAll()
    }
}
