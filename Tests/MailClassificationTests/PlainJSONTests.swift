import Testing
@testable import MailClassification

@Suite struct PlainJSONTests {
    private func read(_ text: String) -> PlainJSON? { PlainJSON(Array(text.utf8)) }

    @Test func readsTheFieldsOfAPlainObject() throws {
        let document = try #require(read(#" { "a" : "x\"y\\u00e9\n", "list": [ {"k": 1}, true, null, -0.25 ], "a": "last" } "#))
        #expect(document.string(document.member("a", of: document.root)) == "last")
        let list = try #require(document.elements(of: document.member("list", of: document.root)))
        #expect(list.count == 4)
        #expect(list.map(document.isObject) == [true, false, false, false])
        #expect(document.string(document.member("k", of: list[0])) == nil)
        #expect(document.member("k", of: list[1]) == nil)
        #expect(document.elements(of: document.member("a", of: document.root)) == nil)
        let escaped = try #require(read(#"{"t":"x\"y\\\/\u00e9\n\t"}"#))
        #expect(escaped.string(escaped.member("t", of: escaped.root)) == "x\"y\\/é\n\t")
        let escapedKey = try #require(read(#"{"\u0061":"b"}"#))
        #expect(escapedKey.string(escapedKey.member("a", of: escapedKey.root)) == "b")
    }

    /// What is not plain JSON (or not an object at the top) is left to `JSONSerialization`.
    @Test(arguments: [
        #"{"a": [1,]}"#, #"{"a": 1,}"#, #"{"a": 1e5}"#, #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": 1234567890123456}"#,
        #"{"a": "\ud83d\ude00"}"#, #"{"a": "\x"}"#, "{\"a\": \"\u{01}\"}", #"{"a": tru}"#, #"{"a" 1}"#, #"{"a": 1} x"#,
        #"["a"]"#, #""a""#, #"{"a": "open}"#, String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        "{\"a\": " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}",
    ])
    func leavesOtherDocumentsAlone(text: String) {
        #expect(read(text) == nil)
    }

    /// A notification reads the same whether it is plain JSON or needs `JSONSerialization` (a number of more than
    /// 15 digits makes it so).
    @Test(arguments: ["", #", "processingTimeMillis": 12345678901234567"#])
    func notificationsReadTheSameEitherWay(extra: String) throws {
        let event = #"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":"#
            + #"[{"emailAddress":"pat@client.example","action":"failed","status":"5.1.1","#
            + #""diagnosticCode":"smtp; 550 5.1.1 user unknown"},{"emailAddress":"lee@client.example"}]}"#
            + extra + "}"
        let escaped = event.replacingOccurrences(of: "\"", with: "\\\"")
        let body = "{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"\(escaped)\"\n}\nFooter text\n"
        guard case .bounce(let recipients)? = SESNotificationDecoder().decode(body, counter: nil) else {
            Issue.record("not read as a bounce")
            return
        }
        #expect(recipients.map(\.address) == ["pat@client.example", "lee@client.example"])
        #expect(recipients.map(\.reason) == ["userunknown", "undefined"])
        #expect(recipients.map(\.action) == ["failed", "failed"])
        guard case .complaint(let contact)? = SESNotificationDecoder().decode(
            #"{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"pat@client.example"}]}"#
                + extra + "}", counter: nil) else {
            Issue.record("not read as a complaint")
            return
        }
        #expect(contact == "pat@client.example")
        // A list holding anything but objects counts as none, as a cast to `[[String: Any]]` fails.
        guard case .complaint(let none)? = SESNotificationDecoder().decode(
            #"{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"pat@client.example"},1]}"#
                + extra + "}", counter: nil) else {
            Issue.record("not read as a complaint")
            return
        }
        #expect(none == nil)
    }
}
