import Foundation
import Testing
@testable import MailParsing

/// A message's own header block is kept as bytes and read by name; a part's text that the parser does not need is
/// decoded when read. Both must answer exactly as the fields and texts made up front would.
@Suite struct UnreadHeaderTests {
    /// Every lookup by name agrees with the same lookup over the list of fields, for every name in every header
    /// block of the corpora at hand (messages, their MIME parts and embedded originals), in any letter case.
    @Test func lookupsByNameAgreeWithTheFieldList() throws {
        var checked = 0
        try HeaderShortcutTests.forEachCorpusMessage { message, file in
            for headers in [message.headers] + message.allParts.dropFirst().map(\.headers) {
                let fields = headers.fields
                let listed = HeaderSection(fields: fields)
                for name in Set(fields.map(\.name)) + ["X-Not-There", ""] {
                    for spelling in [name, name.uppercased(), name.lowercased()] {
                        #expect(headers.value(spelling) == listed.value(spelling), "\(file.lastPathComponent): \(spelling)")
                        #expect(headers.rawValue(spelling) == listed.rawValue(spelling))
                        #expect(headers.values(spelling) == listed.values(spelling))
                        #expect(headers.contains(spelling) == listed.contains(spelling))
                    }
                    checked += 1
                }
                #expect(headers == listed)
                #expect(headers.isEmpty == fields.isEmpty)
            }
        }
        #expect(checked > 1_000)
    }

    /// Looking several names up in one pass finds, for each name, the fields looking it up alone finds: for every
    /// header block of the corpora, parsed or built from its fields, with names present and absent in any case.
    @Test func lookupsBySeveralNamesAgreeWithLookupsByEachName() throws {
        var checked = 0
        try HeaderShortcutTests.forEachCorpusMessage { message, file in
            for parsed in [message.headers] + message.allParts.dropFirst().map(\.headers) {
                // Distinct ignoring case: a name given twice is answered for its first index only.
                var seen = Set<String>()
                let wanted = (parsed.fields.map { $0.name.uppercased() } + ["X-Not-There", "To", "received"])
                    .filter { seen.insert($0.lowercased()).inserted }.suffix(16)
                let names = HeaderFieldNames(Array(wanted))
                for headers in [parsed, HeaderSection(fields: parsed.fields)] {
                    let first = headers.firstFields(named: names)
                    var every = Array(repeating: [String](), count: names.count)
                    var everyRaw = every
                    headers.forEachField(named: names) { name, field in
                        every[name].append(headers.value(at: field))
                        everyRaw[name].append(headers.rawValue(at: field))
                        #expect(headers.withValueUTF8(at: field) { String(decoding: $0, as: UTF8.self) }
                                == headers.value(at: field))
                        #expect(headers.withRawValueUTF8(at: field) { String(decoding: $0, as: UTF8.self) }
                                == headers.rawValue(at: field))
                        return true
                    }
                    for (index, name) in Array(wanted).enumerated() {
                        #expect(first[index].map(headers.value(at:)) == headers.value(name), "\(file.lastPathComponent): \(name)")
                        #expect(every[index] == headers.values(name))
                        #expect(everyRaw[index] == headers.rawValues(name))
                        checked += 1
                    }
                    #expect(first.isEmpty == !wanted.contains(where: headers.contains))
                }
            }
        }
        #expect(checked > 1_000)
    }

    /// A parsed delivery report keeps its fields unread and derives each recipient's values from the few fields
    /// they come from: the values, dates and field lists must be those of a report built from its fields.
    @Test func deliveryReportsAgreeWithReportsBuiltFromTheirFields() throws {
        var recipients = 0
        try HeaderShortcutTests.forEachCorpusMessage { message, file in
            for report in message.deliveryStatusReports {
                let rebuilt = DeliveryStatusReport(perMessageFields: report.perMessageFields,
                                                   recipients: report.recipients.map { DeliveryStatusRecipient(fields: $0.fields) },
                                                   fromMislabeledPart: report.fromMislabeledPart)
                #expect(report == rebuilt, "\(file.lastPathComponent)")
                #expect(report.reportingMTA == rebuilt.reportingMTA)
                #expect(report.arrivalDate == rebuilt.arrivalDate)
                for (parsed, built) in zip(report.recipients, rebuilt.recipients) {
                    #expect(parsed.lastAttemptDate == built.lastAttemptDate)
                    #expect(parsed.willRetryUntil == built.willRetryUntil)
                    recipients += 1
                }
            }
        }
        #expect(recipients > 100)
    }

    @Test func foldedAndEncodedFieldsReadTheSameByNameAndInTheList() {
        let message = ParserFixtures.parse("""
            Subject: =?UTF-8?B?SsO8cmdlbg==?= and
             more
            X-Broken: first
            second line without indent
            To: a@example.com,
            \tb@example.com

            body
            """)
        #expect(message.subject == "Jürgen and more")
        #expect(message.headers.rawValue("subject") == "=?UTF-8?B?SsO8cmdlbg==?= and more")
        #expect(message.headers.value("X-BROKEN") == "first second line without indent")
        #expect(message.to.map(\.address) == ["a@example.com", "b@example.com"])
        #expect(message.headers.fields.map(\.name) == ["Subject", "X-Broken", "To"])
    }

    @Test func replacedFieldsAreReadAsGiven() {
        var message = ParserFixtures.parse("From: a@example.com\nTo: b@example.com\n\nbody")
        #expect(message.from.map(\.address) == ["a@example.com"])
        message.headers.fields.append(HeaderField(name: "Reply-To", rawValue: "c@example.com"))
        message.headers.fields[0] = HeaderField(name: "From", rawValue: "d@example.com")
        #expect(message.headers.fields.map(\.rawValue) == ["d@example.com", "b@example.com", "c@example.com"])
        #expect(message.from.map(\.address) == ["d@example.com"])
        #expect(message.replyTo.map(\.address) == ["c@example.com"])
    }

    @Test func textOfReportsAndAttachmentsIsDecodedWhenRead() throws {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Your message could not be delivered.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822; pat@example.com
            Action: failed
            Status: 5.1.1
            --b
            Content-Type: text/plain; charset=iso-8859-1
            Content-Disposition: attachment; filename="note.txt"
            Content-Transfer-Encoding: quoted-printable

            caf=E9
            --b--
            """)
        let parts = message.root.children
        #expect(parts.count == 3)
        #expect(parts[1].text?.contains("Final-Recipient: rfc822; pat@example.com") == true)
        #expect(parts[2].text == "café")
        #expect(message.textBody == "Your message could not be delivered.")
        var replaced = parts[2]
        replaced.text = "replaced"
        #expect(replaced.text == "replaced")
        #expect(replaced != parts[2])
    }

    /// An embedded original's text is decoded when first read: it must read as the parts' texts joined, in their
    /// charsets, the same from every copy of the message, and be replaceable like any other value.
    @Test func textOfEmbeddedMessagesIsDecodedWhenRead() throws {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain

            See the attached message.
            --outer
            Content-Type: message/rfc822

            Subject: original
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            caf=E9
            --inner
            Content-Type: text/html; charset=utf-8

            <p>caf\u{E9}</p>
            --inner
            Content-Type: text/plain; charset=utf-8

            second
            --inner--
            --outer--
            """)
        #expect(message.textBody == "See the attached message.")
        let original = try #require(message.embeddedMessages.first)
        let copy = original
        #expect(original.textBody == "café\nsecond")
        #expect(copy.textBody == "café\nsecond")
        #expect(original.htmlBody == "<p>café</p>")
        #expect(original.root.children.map(\.text) == ["café", "<p>café</p>", "second"])
        var replaced = original
        replaced.textBody = nil
        #expect(replaced.textBody == nil)
        #expect(replaced != original)
        #expect(original.textBody == "café\nsecond")
    }

    /// An embedded original's subject, In-Reply-To and References are read from its headers when first asked for:
    /// they must be what the headers say, stay so when the headers are replaced afterwards, and take what is set.
    @Test func embeddedSubjectAndThreadingFieldsAreReadWhenAskedFor() throws {
        let message = ParserFixtures.parse("""
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            The attached message could not be delivered.
            --b
            Content-Type: message/rfc822

            Subject: =?UTF-8?Q?Caf=C3=A9?= order
            Message-ID: <original@example.com>
            In-Reply-To: <first@example.com>
            References: <root@example.com>
             <first@example.com>

            body
            --b--
            """)
        let original = try #require(message.embeddedMessages.first)
        let eager = Message(headers: original.headers, root: original.root, textBody: original.textBody)
        #expect(original.subject == "Café order")
        #expect(original.messageID == "original@example.com")
        #expect(original.inReplyTo == ["first@example.com"])
        #expect(original.references == ["root@example.com", "first@example.com"])
        #expect(original == eager)

        var replaced = original
        replaced.headers = HeaderSection(fields: [HeaderField(name: "Subject", rawValue: "other")])
        #expect(replaced.subject == "Café order")
        #expect(replaced.references == ["root@example.com", "first@example.com"])
        replaced.subject = nil
        replaced.inReplyTo = []
        #expect(replaced.subject == nil)
        #expect(replaced.inReplyTo.isEmpty)
        #expect(original.subject == "Café order")
        #expect(original.inReplyTo == ["first@example.com"])
    }

    /// An attachment's body is transfer-decoded when first read: it must be the decoded bytes, from every copy of the
    /// message, with the part's text read from them, and be replaceable like any other value.
    @Test func attachmentBodiesAreDecodedWhenRead() throws {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            See the attachments.
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="data.bin"

            AAECA/8=
            --b
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable
            Content-Disposition: attachment; filename="note.txt"

            caf=E9
            --b--
            """)
        let parts = message.root.children
        #expect(parts.count == 3)
        let copy = message
        #expect(parts[1].decodedBody == [0, 1, 2, 3, 255])
        #expect(copy.root.children[1].decodedBody == [0, 1, 2, 3, 255])
        #expect(parts[1].filename == "data.bin")
        #expect(parts[2].decodedBody == Array("caf\u{E9}".utf8.prefix(3)) + [0xE9])
        #expect(parts[2].text == "café")
        var replaced = parts[1]
        replaced.decodedBody = [7]
        #expect(replaced.decodedBody == [7])
        #expect(replaced != parts[1])
        #expect(parts[1].decodedBody == [0, 1, 2, 3, 255])
    }

    /// A message's HTML is decoded when first read (readers want it only without plain text): it must read as the
    /// HTML parts' texts joined, in their charsets, alongside the plain text decoded up front.
    @Test func htmlIsDecodedWhenRead() {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/alternative; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            Thanks, see you then.
            --b
            Content-Type: text/html; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            <p>Caf=E9 at noon</p>
            --b--
            """)
        #expect(message.textBody == "Thanks, see you then.")
        #expect(message.htmlBody == "<p>Café at noon</p>")
        #expect(message.root.children.map(\.text) == ["Thanks, see you then.", "<p>Café at noon</p>"])
        var replaced = message
        replaced.htmlBody = nil
        #expect(replaced.htmlBody == nil)
        #expect(message.htmlBody == "<p>Café at noon</p>")
    }
}
