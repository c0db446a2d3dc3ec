import Foundation
import MailClassification
import MailParsing

/// Builds the parser's and classifier's one-time tables (phrase tables, scalar classes, charset names: about 30
/// million instructions, built on first use) while an IMAP pass waits for the server to greet, log in, open the
/// mailbox and search it, instead of inside the first batch's analysis, where every core has work.
///
/// It analyses a few small messages of the kinds that reach those tables (a delivery report, a plain-text bounce, a
/// reply, an auto-reply, an opt-out, an HTML message in another charset) and drops the results. Once per process.
enum AnalysisWarmUp {
    /// Starts the warm-up in the background the first time; later calls do nothing.
    static func start() {
        _ = launched
    }

    /// Swift runs a static initialiser once, thread-safely: this one hands the work to another thread and returns.
    private static let launched: Void = {
        DispatchQueue.global().async {
            let parser = MessageParser(), classifier = Classifier()
            for text in messages { _ = classifier.classify(parser.parse(Array(text.utf8))) }
        }
    }()

    private static let messages = [
        """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
        To: sender@example.com
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 6 Jan 2025 10:00:00 +0000
        Message-ID: <bounce-1@mx.example.org>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.org.
        I'm sorry to have to inform you that your message could not be delivered to one or more recipients.

        <nobody@example.net>: host mail.example.net said: 550 5.1.1 <nobody@example.net>: Recipient address
            rejected: User unknown in virtual mailbox table
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.org
        Arrival-Date: Mon, 6 Jan 2025 09:59:58 +0000

        Final-Recipient: rfc822; nobody@example.net
        Original-Recipient: rfc822;nobody@example.net
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mail.example.net
        Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown

        --b1
        Content-Type: text/rfc822-headers

        From: sender@example.com
        To: nobody@example.net
        Subject: Hello
        Message-ID: <original-1@example.com>

        --b1--
        """,
        """
        From: postmaster@relay.example.org
        To: sender@example.com
        Subject: Delivery Status Notification (Delay)
        Date: Tue, 7 Jan 2025 10:00:00 +0000
        Content-Type: text/plain; charset=utf-8

        Delivery to the following recipient has been delayed:

             busy@example.net

        Message will be retried for 2 more day(s)
        Technical details of temporary failure:
        The recipient server did not accept our requests to connect. 421 4.7.0 Try again later, mailbox full

        ----- Original message -----
        From: sender@example.com
        To: busy@example.net
        Subject: Hello again
        """,
        """
        From: "Ana Pérez" <ana@example.net>
        To: sender@example.com
        Subject: =?UTF-8?Q?Re:_Una_pregunta_r=C3=A1pida?=
        Date: Wed, 8 Jan 2025 10:00:00 +0100
        Message-ID: <reply-1@example.net>
        In-Reply-To: <outbound-1@example.com>
        References: <outbound-1@example.com>
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Gracias, suena bien. Hablamos el jueves.

        Saludos,
        Ana

        El mar, 7 ene 2025 a las 9:00, <sender@example.com> escribi=C3=B3:
        > Hola Ana, =C2=BFtienes cinco minutos esta semana?
        """,
        """
        From: Bob <bob@example.net>
        To: sender@example.com
        Subject: Automatic reply: Quick question
        Date: Thu, 9 Jan 2025 10:00:00 +0000
        Auto-Submitted: auto-replied
        X-Autoreply: yes
        Content-Type: text/plain; charset=us-ascii

        Thank you for your email. I am out of the office until Monday, January 20, 2025 with limited access to email.
        I no longer work at Example Corp; please contact jane@example.net instead.
        """,
        """
        From: Carol <carol@example.net>
        To: sender@example.com
        Subject: Re: Quick question
        Date: Fri, 10 Jan 2025 10:00:00 +0000
        Content-Type: text/plain; charset=us-ascii

        Please remove me from your mailing list and do not contact me again. Unsubscribe.
        """,
        """
        From: Dirk <dirk@example.de>
        To: sender@example.com
        Subject: =?ISO-8859-1?Q?Abwesenheitsnotiz:_Kurze_Frage?=
        Date: Sat, 11 Jan 2025 10:00:00 +0100
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="b2"

        --b2
        Content-Type: text/html; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        <html><body><p>Ich bin bis zum 20.01.2025 nicht im B=FCro.</p><blockquote>Hallo Dirk</blockquote></body></html>
        --b2--
        """,
    ].map { $0.replacingOccurrences(of: "\n", with: "\r\n") }
}
