/// Diagnostic phrases servers use, by reason. Normalised (lowercase, punctuation as spaces, no accents), matched on
/// whole words in one pass. Lists are ordered by nothing; `BounceReasonClassifier.precedence` settles conflicts.
enum BounceReasonPhrases {
    static let table = PhraseTable<BounceReason>(entries)

    /// The phrases of reason `mailboxfull`.
    static let mailboxFull = entries.compactMap { $0.1 == .mailboxfull ? $0.0 : nil }

    private static let entries: [(String, BounceReason)] = {
        var list: [(String, BounceReason)] = []
        func add(_ reason: BounceReason, _ phrases: [String]) { list += phrases.map { ($0, reason) } }
        add(.userunknown, [
            "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient",
            "no such account", "no such address", "no such local user", "no such person", "unknown recipient",
            "recipient unknown", "unknown mailbox", "mailbox unknown", "unknown address", "address unknown",
            "unknown local part", "user not found", "recipient not found", "mailbox not found", "address not found",
            "account not found", "recipientnotfound", "resolver adr recipientnotfound", "invalid recipient",
            "invalid mailbox", "invalid address", "invalid user", "invalid account", "recipient invalid",
            "mailbox unavailable", "mailbox is unavailable", "user doesn't exist", "user does not exist",
            "mailbox does not exist", "address does not exist", "account does not exist", "recipient does not exist",
            "email account that you tried to reach does not exist", "doesn't have an account", "does not have an account",
            "is not a valid mailbox", "not a valid recipient", "no mailbox here by that name", "user is unknown",
            "user not exist", "no mailbox", "not our customer", "unknown or illegal alias",
            "addressee unknown", "bad destination mailbox address", "destination mailbox address invalid",
            "this user doesn't have a", "this user doesn't have a yahoo com account",
            "this user doesn't have a ymail com account", "this user doesn't have a rocketmail com account",
            "mailbox not available", "mail receiving disabled", "no account by that name",
            "the email account that you tried to reach does not exist", 
            "recipient is not local", "sorry no mailbox", "sorry, no mailbox", "does not exist here",
            "there is no one at this address", "no valid recipients", "not listed in domino directory",
            "the recipient name is not recognized", "not listed in public name address book",
            "mailbox name not allowed", "invalid final delivery userid", "user missing home directory",
            "no such recipient here", "is not a known user", "address invalid", "unknown account",
            "recipient no longer on server", "the recipient's mailbox is unavailable", "benutzer unbekannt",
            "adressat unbekannt", "utilisateur inconnu", "destinataire inconnu", "usuario desconocido",
            "this address no longer accepts mail", "said 550 5 1 1", "5 1 1 user unknown",
            "address wasn't found at the destination domain", "email address wasn't found",
        ])
        add(.hostunknown, [
            "host unknown", "unknown host", "host not found", "domain not found", "no such domain",
            "domain does not exist", "unrouteable mail domain", "unrouteable address", "unroutable address",
            "point to non existent hosts", "unroutable mail domain", "domain unknown",
            "unknown domain", "name or service not known", "host or domain name not found", "nxdomain",
            "recipient domain not found", "no mx or a", "mx lookup failed", "dns error",
            "domain name not found", "unable to resolve", "hostname lookup failed", "no route to host found",
            "illegal host domain name", "domain is not configured", "domain isn't in my list of allowed rcpthosts",
            "not in my list of allowed rcpthosts", "no valid host", "unknown mail domain", "bad destination host",
            "dns lookup failed", "malformed or unexpected name server reply", "domain not in use",
            "domain must exist", "does not accept mail for", "recipient domain is not",
            "the account or domain may not exist", "domain is not reachable",
        ])
        add(.hasmoved, [" has been replaced by ", "has moved", "address has changed", "user has moved",
                         "no longer at this address"])
        add(.mailboxfull, [
            "mailbox not found or full",
            "mailbox full", "mailbox is full", "mailbox has exceeded", "mailbox quota", "over quota", "overquota",
            "quota exceeded", "exceeded storage allocation", "exceeds quota", "quota full", "storage quota",
            "mailbox size limit", "insufficient storage", "not enough storage", "user's mailbox is full",
            "mailfolder is full", "mail box full", "mailbox exceeded", "disk quota exceeded", "full mailbox",
            "account is full", "inbox is full", "out of storage space", "would exceed", "is over its quota",
            "over the allowed quota", "mailbox is over quota", "quota violation", "boite pleine", "postfach voll",
            "exceeded the quota", "exceeded their storage", "mailbox size exceeded", "too much mail",
            "mailbox has reached", "over their quota", "not enough disk space",
        ])
        add(.mesgtoobig, [
            "message too large", "message too big", "message size exceeds", "message is too large",
            "message exceeds", "exceeds size limit", "size limit exceeded", "exceeds maximum message size",
            "message length exceeds", "mail size exceeds", "too big for", "message file too big",
            "exceeded maximum allowed size", "message size limit", "size exceeds",
        ])
        add(.exceedlimit, ["message header size exceeds limit", "too many recipients", "exceeds the limit",
                           "recipient count exceeded"])
        add(.suspend, [
            "account disabled", "account has been disabled", "account is disabled", "account suspended",
            "account has been suspended", "mailbox disabled", "mailbox is disabled", "mailbox suspended",
            "mailbox has been suspended", "inactive account", "account inactive", "account is inactive",
            "mailbox inactive", "mailbox is inactive", "currently suspended", "suspended", "deactivated",
            "account expired", "account is locked", "is not active", "temporarily disabled", "has been deactivated",
            "user suspended", "disabled mailbox", "is disabled", "not currently being accepted",
            "this account has been disabled or discontinued", "mailbox is frozen", "account is blocked",
            "temporarily inactive", "is a deactivated mailbox", "account has been disabled or discontinued",
            "disabled recipient", "recipient address disabled", "account disabled", "is inactive",
            "tried to reach is inactive",
        ])
        add(.norelaying, [
            "relay access denied", "relaying denied", "relay denied", "relaying not allowed", "relay not permitted",
            "not permitted to relay", "unable to relay", "we do not relay", "relaying mail to", "not allowed to relay",
            "relay not allowed", "no relaying", "relaying is prohibited", "relay prohibited",
            "not configured to relay",
        ])
        add(.rejected, [
            "sender rejected", "sender address rejected", "sender denied", "domain of sender address",
            "sender verify failed", "sender verification failed", "from address rejected", "address verification failed",
            "sender is blacklisted", "sender blacklisted", "envelope sender", "invalid sender", "sender unknown",
            "unknown sender", "sender not allowed", "rejected by recipient", "mail from rejected",
            "sender domain must exist", "in reply to mail from command", "after mail from",
            "sender was rejected", "purported responsible address",
        ])
        add(.blocked, [
            "blocked", "blacklisted", "blacklist", "block list", "blocklist", "listed in", "rbl", "spamhaus",
            "spamcop", "dnsbl", "banned sending ip", "client host rejected", "access denied",
            "not allowed to send", "rejected due to", "your ip", "sending ip",
            "connection rejected", "refused to talk", "service unavailable", "too many errors",
            "has been temporarily rate limited", "ip address", "ip has been", "not accepting",
            "refused",
        ])
        // Sisimai's badreputation: the sending IP's or domain's standing, not this message's content.
        add(.badreputation, ["reputation", "poor reputation", "ip reputation", "bad reputation", "low reputation",
                             "sender reputation", "sending ip reputation"])
        add(.spamdetected, [
            "blacklisted url",
            "spam", "junk mail", "considered unsolicited", "unsolicited", "content rejected", "bulk mail",
            "spam content", "likely spam", "message looks like spam", "classified as spam", "spam detected",
            "suspected spam", "rejected as spam", "high probability of spam", "spamassassin", "phishing",
        ])
        add(.filtered, [
            "filtered", "rejected by filter", "content filter", "mail filter", "header filter", "mailbox filter",
            "due to local policy", "message rejected", "not authorized", "rejected by the recipient",
            "delivery not authorized", "delivery to this user is restricted", "restricted", "forbidden",
        ])
        add(.policyviolation, [
            "policy violation", "violates our policy", "policy reasons", "local policy", "policy rejection",
            "access denied", "recipient address rejected access denied", "dmarc policy", "message rejected due to",
            "does not comply", "by policy", "administrative prohibition", "administratively denied",
            "permanently deferred", "not allowed by policy", "denied by policy", "potential security issue",
        ])
        add(.virusdetected, ["virus", "malware", "infected", "trojan", "worm detected"])
        add(.securityerror, [
            "authentication required", "authentication failed", "tls required", "must issue a starttls",
            "encryption required", "certificate", "starttls", "insecure", "smtp authentication",
        ])
        add(.authfailure, [
            "spf", "dkim", "dmarc", "authentication checks failed", "authentication check failed", "sender policy framework", "authentication results", "not authenticated",
            "unauthenticated", "failed authentication", "fails spf", "spf check failed", "spf fail",
        ])
        add(.requireptr, [
            "ptr record", "no ptr", "reverse dns lookup", "rdns", "reverse lookup", "cannot find your hostname",
            "cannot resolve your address", "does not have a ptr", "no reverse", "hostname does not match",
            "cannot find your reverse hostname", "no rdns", "reverse hostname", "reverse dns", "dns ptr",
            "ptr resource record", "reverse dns validation",
        ])
        add(.toomanyconn, [
            "too many connections", "too many simultaneous", "connection limit", "too many sessions",
            "too many concurrent", "rate limit", "too many messages", "try again later", "throttled",
            "exceeded the rate", "sending rate", "too fast", "temporarily deferred",
            "frequency limited",
        ])
        add(.systemerror, [
            "system error", "internal error", "server error", "local error",
            "mail system error", "configuration error", "system config error", "is unavailable", "resources temporarily",
            "unexpected error", "mail server temporarily", "service currently unavailable",
        ])
        add(.systemfull, ["system full", "disk full", "insufficient system storage", "out of disk space",
                          "file system full", "no space left"])
        add(.networkerror, [
            "connection reset", "network unreachable", "no route to host",
            "connection refused", "lost connection", "timeout", "host not found try again", "timed out", "could not connect",
            "unable to connect", "connection dropped", "broken pipe", "temporary lookup failure",
            "host name lookup failure", "host is unreachable", "wasn't able to establish an smtp connection",
            // A loop is a routing failure (RFC 3463 X.4.6), whatever system caused it.
            "routing loop", "loop detected", "mail loop", "too many hops", "hop count exceeded", "mail forwarding loop",
        ])
        add(.expired, [
            "retry time not reached", "retry timeout exceeded", "delivery time expired", "message expired",
            "queue time expired", "undeliverable for", "could not be delivered for", "was not delivered for",
            "unable to deliver for", "time limit exceeded", "message timed out", "too long in queue",
            "exceeded the maximum time",
            // Connection failures that went on until the sender gave up.
            "connection timed out", "did not accept our requests to connect", "host not reachable",
            "in the queue too long", "envelope expired", "server did not respond", "have been failing for a long time",
            "was not reachable within", "unable to deliver message after multiple retries",
        ])
        add(.expired, weakExpiryWords)
        // Postfix's note that it stopped trying the destination for a while; the cause follows it. Listed so that
        // "suspended" inside it is not read as a suspended account.
        add(.onhold, ["delivery temporarily suspended"])
        add(.contenterror, [
            "content error", "invalid content", "illegal attachment",
            "attachment not allowed", "bad message", "improper use of 8 bit", "8bit data",
            "message contains invalid", "mime error", "media error", "headers too large", "header too large",
        ])
        add(.notaccept, [
            "does not accept mail", "doesn't accept mail", "not accept any mail", "null mx", "nullmx",
            "accepts no mail", "no mail accepted", "does not receive mail", "mail is not accepted",
            "no smtp service", "indicated no smtp service", "no mx record", "couldn't find a mail exchanger",
            "could not find a mail exchanger", "find a mail exchanger or ip address",
        ])
        add(.mailererror, ["mailer error", "command failed", "command died", "procmail", "unknown mailer error",
                           "exit code", "x unix"])
        add(.syntaxerror, ["syntax error", "command unrecognized", "unrecognized command", "line too long",
                           "bad sequence of commands", "command not implemented"])
        add(.onhold, ["on hold"])
        add(.vacation, ["out of office", "vacation", "auto reply", "automatic reply"])
        return list
    }()

    /// Words that say only that delivery is late or was given up; any other reason's phrase says more.
    static let weakExpiryWords = [
        "giving up", "gave up", "retry period", "delivery attempts will continue", "delayed", "deferred",
        "has been delayed", "expired", "maximum time",
    ]

    /// Network-error phrases about failing to reach the receiving server at all. Repeated until the sender gives
    /// up, such a failure is the reason delivery expired (Sisimai's `expired`).
    static let connectionFailures = [
        "connection refused", "timed out", "timeout", "could not connect", "unable to connect", "no route to host",
        "network unreachable", "connection reset", "lost connection", "connection dropped", "host is unreachable",
    ]
}
