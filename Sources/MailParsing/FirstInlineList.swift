/// A list that holds its first element in place and only the rest in an array: nearly every message has one inline
/// text part of each kind, and a one-element array was an allocation (and a free) per message for nothing.
struct FirstInlineList<Element> {
    private(set) var first: Element?
    private(set) var rest: [Element] = []

    init() {}

    var isEmpty: Bool { first == nil }

    mutating func append(_ element: Element) {
        if first == nil {
            first = element
        } else {
            rest.append(element)
        }
    }

    mutating func removeAll() {
        first = nil
        rest = []
    }

    /// Every element, in order, as an array.
    var elements: [Element] {
        guard let first else { return [] }
        return [first] + rest
    }
}

extension FirstInlineList: Sendable where Element: Sendable {}
