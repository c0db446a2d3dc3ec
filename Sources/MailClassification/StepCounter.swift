/// Counts the elementary steps text analysis takes, so tests can prove that work grows linearly with input size
/// by comparing counts rather than clock times.
final class StepCounter {
    private(set) var steps = 0

    init() {}

    func add(_ count: Int) { steps &+= count }
}
