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
        ("I am on parental leave until 14.06.2027.", "2027-06-14"),  // far, but the year is stated
        ("Я в отпуске до 14 декабря.", "2026-12-14"),
        ("誠に勝手ながら、12月14日まで出張のため不在にしております。", "2026-12-14"),
        ("１２月７日（月）より出社いたします。", "2026-12-07"),
        ("我目前休假中，将于12月7日返回办公室。", "2026-12-07"),
    ])
    func findsReturnDates(text: String, expected: String) {
        #expect(extractor.returnDate(in: text, messageDate: sent) == expected)
    }

    @Test(arguments: [
        "I am out of the office until further notice.",
        "I am out of the office until 3 November.",       // already past: would be next year, beyond the horizon
        "Back on 14 March.",                               // more than 100 days away, no year named
        "Back on 14.06.2028.",                             // more than a year away
        "会議は12月14日に行われました。",                    // a date, but no word for until or back beside it
    ])
    func ignoresMissingPastAndFarDates(text: String) {
        #expect(extractor.returnDate(in: text, messageDate: sent) == nil)
    }

    /// Return dates are resolved by day arithmetic; Foundation's calendar must agree on every day, including leap
    /// days, month ends, year ends and dates that do not exist (31 April, 29 February 2027).
    @Test func dayArithmeticAgreesWithFoundationsCalendar() {
        var reference = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        let end = Date(timeIntervalSince1970: 1_924_992_000)        // 2031-01-01
        var checked = 0
        while reference < end {
            for (month, day) in [(1, 1), (2, 28), (2, 29), (3, 1), (4, 30), (4, 31), (12, 31), (6, 15)] {
                for year in [nil, 2027, 2028] as [Int?] {
                    let parts = ReturnDateExtractor.DateParts(year: year, month: month, day: day)
                    #expect(extractor.resolve(parts, against: reference) == extractor.calendarResolve(parts, against: reference))
                }
            }
            for weekday in 1...7 {
                #expect(extractor.resolve(weekday: weekday, against: reference)
                        == extractor.calendarResolve(weekday: weekday, against: reference))
            }
            checked += 1
            reference += 86_400 * 11 + 3_607  // every 11 days, at a drifting time of day
        }
        #expect(checked > 1_000)
    }

    @Test func isoTextsArePaddedYearMonthDay() {
        for (year, month, day) in [(2026, 12, 7), (1600, 1, 1), (9999, 12, 31), (1000, 10, 10), (999, 2, 3), (12026, 5, 6)] {
            #expect(CivilDay.isoText(year: year, month: month, day: day) == String(format: "%04d-%02d-%02d", year, month, day))
        }
    }

    /// Windows of text are read by bytes when each scalar is a character of its own, by characters otherwise; a
    /// combining mark or emoji near the date must not change what is read.
    @Test(arguments: ["", " 👍🏽", " café\u{301}", "\r\nMerci"])
    func returnDateReadsTheSameWhateverFollowsIt(tail: String) {
        #expect(extractor.returnDate(in: "Je suis absent jusqu'au 14 décembre." + tail, messageDate: sent) == "2026-12-14")
        #expect(extractor.returnDate(in: "Out of office until 12/14/2026" + tail, messageDate: sent) == "2026-12-14")
        #expect(extractor.returnDate(in: "Zurück am Montag" + tail, messageDate: sent) == "2026-12-07")
    }
}

/// The text is folded in pieces, as far as the bytes asked about, and a piece's offsets worked out when asked for:
/// the offsets must be those the general fold gives for the whole text, wherever the pieces are cut and in whatever
/// order the bytes are asked about.
@Suite struct FoldOriginsTests {
    @Test(arguments: [
        "Je suis absent jusqu'au 14 décembre.\nMerci", "Grüße\n\n--\nl'\nentreprise 'x'\r\nZurück am Montag",
        "日本語\n本日は休み。12月14日まで\n", "é\n", "\né", " , état\n ' ll' \n---\n Ωμέγα,\tok", "café\u{301}\nx",
        "a\u{301}'\n'b d'é", "\n\n\n", "ß\u{130}\n\u{1F600} x", "",
        String(repeating: "Ich bin bis zum 14. Dezember nicht im Büro, l'été 'quoted' — ", count: 6),
        String(repeating: "x", count: 63) + "' é" + String(repeating: "y'", count: 40) + " z",
        String(repeating: "é", count: 70) + " " + String(repeating: "a ", count: 40) + "。",
        String(repeating: "I'm out of the office until Dec. 14th -- back on Monday! 'quoted' ", count: 5),
        "rock 'n' roll isn't dead'' x", "a'", "  ' '' \r\n\tEnd'.",
    ])
    func givesTheGeneralFoldsOffsets(text: String) {
        let general = NormalizedText(text, trackingOrigins: true)
        let source = Array(text.utf8)
        source.withUnsafeBufferPointer { source in
            var inOrder = ReturnDateExtractor.FoldOrigins()
            for index in 0..<general.bytes.count {
                #expect(inOrder.origin(of: index, in: source, counter: nil) == Int(general.sourceOffsets[index]), "\(index)")
            }
            #expect(inOrder.origin(of: general.bytes.count, in: source, counter: nil) == nil)
            var backwards = ReturnDateExtractor.FoldOrigins()
            for index in (0..<general.bytes.count).reversed() {
                #expect(backwards.origin(of: index, in: source, counter: nil) == Int(general.sourceOffsets[index]), "\(index)")
            }
        }
    }
}

/// The return date is read at the source offset the fold gives for the word before it: the byte-by-byte fold of
/// ASCII text must give the offsets the general fold gives.
@Suite struct TrackedASCIIFoldTests {
    @Test(arguments: [
        "I'm out of the office until Dec. 14th -- back on Monday!", "don' x", "'quoted' l'entreprise 'a''b`c",
        "a'", "  ' '' \r\n\tEnd'.", "", "UPPER lower 123-456/789", "rock 'n' roll isn't dead''",
    ])
    func givesTheGeneralFoldsOffsets(text: String) throws {
        let general = NormalizedText(text, trackingOrigins: true)
        let tracked = try #require(Array(text.utf8).withUnsafeBufferPointer(TrackedASCIIFold.origins))
        #expect(tracked == general.sourceOffsets)
    }

    @Test func leavesOtherTextToTheGeneralFold() {
        #expect(Array("zurück am 3.".utf8).withUnsafeBufferPointer(TrackedASCIIFold.origins) == nil)
    }
}

/// Tokens are read by scalars, one at a time as the date rules ask for them, where each scalar is a character of its
/// own: they must be the tokens a reading by characters gives, up to the same limit.
@Suite struct ReturnDateTokensTests {
    @Test(arguments: [
        "December 14th, 2026.", "14.12.2026 wieder", "le 3 janvier", "12/14/2026", "", "  ", "3rd", "zum 07.12.",
        "Montag, den 7. Dezember", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", "a b c d e f g h i j k l m n o p",
        "a1b2c3d4e5f6g7h8", "99999999999999999999999 x", "jusqu'au 14 décembre (inclus)", "до 14 декабря",
        "12月14日まで", "１２月７日", "Ωμέγα 3 ½ x\ty",
    ])
    func giveTheTokensReadByCharacters(text: String) {
        var read: [ReturnDateTokens.Token] = []
        Array(text.utf8).withUnsafeBufferPointer { window in
            var tokens = ReturnDateTokens(window)
            while let token = tokens.token(at: read.count) { read.append(token) }
            #expect(tokens.token(at: read.count + 3) == nil)
        }
        #expect(read == ReturnDateTokens.characterTokens(text))
    }
}

/// A word is looked up once in one table of the date vocabulary: it must be what each list of it says, and nothing
/// for a word that is in none.
@Suite struct DateWordTests {
    @Test func everyWordIsWhatItsListsSay() {
        let listed = Set(DateVocabulary.months.keys).union(DateVocabulary.weekdayNumbers.keys).union(DateVocabulary.weekdays)
            .union(DateVocabulary.fillers).union(DateVocabulary.ordinalSuffixes)
        for word in listed.sorted() + ["decembers", "x", "monday's", "dece", "ja", ""] {
            let told = NormalizedText(word).bytes.withUnsafeBufferPointer { DateWord(folded: $0) }
            #expect(told.month == DateVocabulary.months[word], "\(word)")
            #expect(told.weekdayNumber == DateVocabulary.weekdayNumbers[word], "\(word)")
            #expect(told.isWeekday == DateVocabulary.weekdays.contains(word), "\(word)")
            #expect(told.isFiller == DateVocabulary.fillers.contains(word), "\(word)")
            #expect(told.isOrdinalSuffix == DateVocabulary.ordinalSuffixes.contains(word), "\(word)")
            if word.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "'") }) {
                let uppercase = Array(word.uppercased().utf8)
                #expect(uppercase.withUnsafeBufferPointer { DateWord(asciiLetters: $0) } == told, "\(word)")
            }
        }
    }
}
