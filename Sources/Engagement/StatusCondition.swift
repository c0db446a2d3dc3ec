/// An Engagement Status condition as the seed's workflow conditions and custom views offer it.
public enum StatusCondition: Sendable, Equatable, Codable {
    case equals(EngagementStatus)
    case notEquals(EngagementStatus)
    case anyOf([EngagementStatus])
    case noneOf([EngagementStatus])

    public func matches(_ status: EngagementStatus) -> Bool {
        switch self {
        case .equals(let wanted): return status == wanted
        case .notEquals(let unwanted): return status != unwanted
        case .anyOf(let wanted): return wanted.contains(status)
        case .noneOf(let unwanted): return !unwanted.contains(status)
        }
    }
}
