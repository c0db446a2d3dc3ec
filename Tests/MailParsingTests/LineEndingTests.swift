import Testing
@testable import MailParsing

@Suite struct LineEndingTests {
    @Test func crOnlyAndCRLFCopiesGiveIdenticalResults() throws {
        let crlf = try ParserFixtures.bytes("dsn-postfix-crlf.eml")
        let cr = try ParserFixtures.bytes("dsn-postfix-cr.eml")
        #expect(crlf.contains(0x0A) && !cr.contains(0x0A))
        let fromCRLF = MessageParser().parse(crlf)
        let fromCR = MessageParser().parse(cr)
        let identical = fromCRLF == fromCR
        #expect(identical)
        #expect(fromCR.deliveryStatusReports.first?.recipients.count == 2)
    }

    @Test func everySampleParsesTheSameInLFCRLFCROnlyAndMixedEndings() throws {
        for name in ParserFixtures.allNames {
            let lf = try ParserFixtures.bytes(name).filter { $0 != 0x0D }
            let expected = MessageParser().parse(lf)
            var crlf: [UInt8] = [], crOnly: [UInt8] = [], mixed: [UInt8] = []
            var line = 0
            var previousByte: UInt8 = 0
            for byte in lf {
                defer { previousByte = byte }
                guard byte == 0x0A else { crlf.append(byte); crOnly.append(byte); mixed.append(byte); continue }
                crlf += [0x0D, 0x0A]
                crOnly.append(0x0D)
                // A lone CR followed by an LF would read as one CRLF: after a CR, an empty line ends in CR too.
                let afterCR = previousByte == 0x0A && mixed.last == 0x0D
                mixed += afterCR ? [0x0D] : [[0x0A], [0x0D, 0x0A], [0x0D]][line % 3]
                line += 1
            }
            let sameCRLF = MessageParser().parse(crlf) == expected
            let sameCR = MessageParser().parse(crOnly) == expected
            let sameMixed = MessageParser().parse(mixed) == expected
            #expect(sameCRLF, "\(name) with CRLF endings parses differently")
            #expect(sameCR, "\(name) with CR-only endings parses differently")
            #expect(sameMixed, "\(name) with mixed endings parses differently")
        }
    }
}
