/// Where an unenrolment came from; the product document names exactly these three.
public enum UnenrollChannel: String, Sendable, Codable, CaseIterable {
    case workflow   // Automation workflow
    case sidebar    // Sidebar (Chrome extension)
    case reporting  // "Unenroll" in a Sequence reporting view
}
