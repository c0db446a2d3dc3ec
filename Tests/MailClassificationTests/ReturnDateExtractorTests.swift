import Foundation
import Testing
@testable import MailClassification

@Suite struct ReturnDateExtractorTests {
    // Tuesday 1 December 2026, 09:00 UTC.
    let sent = Date(timeIntervalSince1970: 1_796_115_600)
    let extractor = ReturnDateExtractor()

    @Test(arguments: [
        ("I am out of the office until December 14.", "2026-12-14"),
        ("I'll be back on Monday, December 7th.", "2026-12-07"),
        ("Out of office until 12/14/2026.", "2026-12-14"),
        ("Ich bin bis zum 14.12.2026 nicht im Büro.", "2026-12-14"),
        ("Ich bin ab dem 7. Dezember wieder erreichbar.", "2026-12-07"),
        ("Je suis absent jusqu'au 14 décembre.", "2026-12-14"),
        ("Estoy fuera de la oficina hasta el 14 de diciembre.", "2026-12-14"),
        ("Ik ben afwezig tot en met 14 december.", "2026-12-14"),
        ("Estou ausente até 14 de dezembro.", "2026-12-14"),
        ("Sono fuori ufficio fino al 14 dicembre.", "2026-12-14"),
        ("Back on January 4.", "2027-01-04"),
    ])
    func findsReturnDates(text: String, expected: String) {
        #expect(extractor.returnDate(in: text, messageDate: sent) == expected)
    }

    @Test(arguments: [
        "I am out of the office until further notice.",
        "I am out of the office until 3 November.",       // already past: would be next year, beyond the horizon
        "Back on 14.06.2027.",                             // more than 100 days away
    ])
    func ignoresMissingPastAndFarDates(text: String) {
        #expect(extractor.returnDate(in: text, messageDate: sent) == nil)
    }
}
