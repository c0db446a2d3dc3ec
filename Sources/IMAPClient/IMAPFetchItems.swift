/// The items of one `* n FETCH (…)` response, by upper-cased name (`UID`, `FLAGS`, `BODY[]`), in the order sent.
///
/// A response holds a handful of items and one arrives for every message fetched, so they are kept as pairs and
/// looked up by a linear search rather than hashed into a dictionary.
struct IMAPFetchItems {
    private var pairs: [(name: String, value: IMAPValue)] = []

    init(_ pairs: [(name: String, value: IMAPValue)]) { self.pairs = pairs }

    /// The item's value; when a server repeats an item, the last one sent.
    subscript(name: String) -> IMAPValue? {
        pairs.last { $0.name == name }?.value
    }
}
