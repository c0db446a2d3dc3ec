/// The IMAP conversation on one logged-in connection: tags, commands and their responses, the selected mailbox.
/// Blocking and single-threaded; `IMAPSession` runs it on its own thread.
final class IMAPProtocolConnection {
    let settings: IMAPConnectionSettings
    private let transport: CurlTransport
    private var reader: IMAPResponseReader
    private var tagNumber = 0
    private(set) var capabilities: Set<String> = []
    private(set) var mailbox: MailboxSnapshot?
    /// Set once the connection cannot carry another command (lost, timed out mid-response, desynchronised).
    private(set) var isBroken = false
    private var byeText: String?
    private var mailboxGrew = false
    /// A `UID FETCH` sent ahead of its turn (see `fetch(uids:flags:queueing:)`), its responses not read yet.
    private var queuedFetch: FetchInFlight?
    /// A queued fetch that another command had to read out of its way before anyone asked for it.
    private var settledFetch: (uids: [UInt32], flags: Bool, outcome: Result<[FetchedMessage], IMAPError>)?

    /// A `UID FETCH` sent whose answer is not read to its end yet: the one being read, or the one queued behind it.
    private struct FetchInFlight {
        let tag: String
        let uids: [UInt32]
        let flags: Bool
        let wanted: Set<UInt32>
        /// Servers may run pipelined fetches at once (Dovecot does): answers for this one that came while an earlier
        /// one was read, and its completion if that came first too.
        var received: [FetchedMessage] = []
        var completion: IMAPStatusText?
    }

    init(settings: IMAPConnectionSettings) throws(IMAPError) {
        self.settings = settings
        transport = try CurlTransport(settings: settings)
        reader = IMAPResponseReader(source: transport, timeout: settings.operationTimeout,
                                    maxLiteralBytes: settings.maxLiteralBytes, host: settings.host,
                                    port: settings.effectivePort)
        try refreshCapabilities()
    }

    func close() {
        transport.close()
        isBroken = true
    }

    // MARK: Commands

    func refreshCapabilities() throws(IMAPError) {
        var announced: [String] = []
        try run("CAPABILITY") { response in
            if case .capability(let list) = response { announced += list }
        }
        capabilities = Set(announced).subtracting(settings.ignoredCapabilities.map { $0.uppercased() })
    }

    func open(_ name: String, readOnly: Bool) throws(IMAPError) -> MailboxSnapshot {
        let argument = try mailboxArgument(name)
        // UIDs name messages of one mailbox only: a fetch read ahead for the one open before must not answer for this.
        try settleQueuedFetch()
        settledFetch = nil
        mailbox = nil
        var uidValidity: UInt32?
        var uidNext: UInt32?
        var exists = 0
        let verb = readOnly ? "EXAMINE" : "SELECT"
        let done = try run("\(verb) \(argument)", mailbox: name) { response in
            switch response {
            case .exists(let count): exists = count
            case .untaggedStatus(let status) where status.code == "UIDVALIDITY":
                uidValidity = status.codeArguments.flatMap { UInt32($0) }
            case .untaggedStatus(let status) where status.code == "UIDNEXT":
                uidNext = status.codeArguments.flatMap { UInt32($0) }
            default: break
            }
        }
        guard let uidValidity else {
            throw IMAPError(.protocolError, host: settings.host, port: settings.effectivePort, mailbox: name,
                            command: verb, detail: "the server sent no UIDVALIDITY, so UIDs cannot be trusted")
        }
        let snapshot = MailboxSnapshot(name: name, uidValidity: uidValidity, uidNext: uidNext, exists: exists,
                                       readOnly: readOnly || done.code == "READ-ONLY")
        mailbox = snapshot
        return snapshot
    }

    func uidSearch(after lastSeen: UInt32) throws(IMAPError) -> [UInt32] {
        let name = try requireMailbox().name
        guard lastSeen < UInt32.max else { return [] }
        var found: [UInt32] = []
        try run("UID SEARCH UID \(lastSeen + 1):*", mailbox: name) { response in
            if case .search(let uids) = response { found += uids }
        }
        // `n:*` also matches the highest UID when n is past it (RFC 3501 §6.4.8): keep only what is really new.
        return Set(found.filter { $0 > lastSeen }).sorted()
    }

    /// One `UID FETCH` for all of `uids`; missing (expunged) UIDs are simply absent from the result.
    ///
    /// `queueing` names the UIDs the caller will fetch next. Their command is sent before this one's responses are
    /// read, so the server goes straight on to them when it has sent these: without it the server sits idle for a
    /// round trip and for however long our side takes to ask again, once per batch. A later `fetch` of exactly those
    /// UIDs (and `flags`) then only reads what the server is already sending.
    func fetch(uids: [UInt32], flags: Bool = true, queueing next: [UInt32] = []) throws(IMAPError) -> [FetchedMessage] {
        let name = try requireMailbox().name
        guard !uids.isEmpty else { return [] }
        if let queued = queuedFetch, queued.uids == uids, queued.flags == flags {
            queuedFetch = nil
            try queueFetch(next, flags: flags, after: queued.wanted, mailbox: name)
            return try readFetch(queued, mailbox: name)
        }
        try settleQueuedFetch()
        if let settled = settledFetch, settled.uids == uids, settled.flags == flags {
            settledFetch = nil
            try queueFetch(next, flags: flags, after: [], mailbox: name)
            return try settled.outcome.get()
        }
        let tag = nextTag()
        let command = Self.fetchCommand(uids, flags: flags)
        try send("\(tag) \(command)\r\n", command: command, mailbox: name)
        let fetch = FetchInFlight(tag: tag, uids: uids, flags: flags, wanted: Set(uids))
        try queueFetch(next, flags: flags, after: fetch.wanted, mailbox: name)
        return try readFetch(fetch, mailbox: name)
    }

    private static func fetchCommand(_ uids: [UInt32], flags: Bool) -> String {
        "UID FETCH \(IMAPCommandArgument.uidSet(uids)) \(flags ? "(UID FLAGS BODY.PEEK[])" : "(UID BODY.PEEK[])")"
    }

    /// Sends the fetch of `uids` ahead, unless one is queued already or it shares a UID with the fetch being read
    /// (`current`): answers are told apart by UID, so a UID in both could not be given to each.
    private func queueFetch(_ uids: [UInt32], flags: Bool, after current: Set<UInt32>, mailbox name: String)
        throws(IMAPError) {
        guard !uids.isEmpty, queuedFetch == nil, !uids.contains(where: current.contains) else { return }
        let tag = nextTag()
        let command = Self.fetchCommand(uids, flags: flags)
        try send("\(tag) \(command)\r\n", command: command, mailbox: name)
        queuedFetch = FetchInFlight(tag: tag, uids: uids, flags: flags, wanted: Set(uids))
    }

    /// Reads one fetch's answer to its completion. Answers for the fetch queued behind it are kept for that one, and so
    /// is its completion should it come first; any other tag means the conversation is out of step.
    private func readFetch(_ fetch: FetchInFlight, mailbox name: String) throws(IMAPError) -> [FetchedMessage] {
        let command = Self.fetchCommand(fetch.uids, flags: fetch.flags)
        var messages = fetch.received
        messages.reserveCapacity(fetch.wanted.count)
        var completion = fetch.completion
        while completion == nil {
            switch try nextResponse(command: command, mailbox: name) {
            case .fetch(let fetched):
                guard let uid = fetched.uid, let body = fetched.body else { continue }
                let message = FetchedMessage(uid: uid, bytes: body, flags: fetched.flags ?? [])
                if fetch.wanted.contains(uid) {
                    messages.append(message)
                } else if queuedFetch?.wanted.contains(uid) == true {
                    queuedFetch?.received.append(message)
                }
            case .tagged(let received, let status):
                if received == fetch.tag {
                    completion = status
                } else if received == queuedFetch?.tag {
                    queuedFetch?.completion = status
                } else {
                    close()
                    throw IMAPError(.protocolError, host: settings.host, port: settings.effectivePort,
                                    mailbox: name, command: command,
                                    detail: "response for unknown tag \(received) while waiting for \(fetch.tag)")
                }
            default:
                continue
            }
        }
        if let completion { _ = try check(completion, command: command, mailbox: name) }
        return Self.ascendingByUID(messages)
    }

    /// Reads a queued fetch's responses out of the way of another command. Its result is kept for the `fetch` that
    /// asks for it; a refusal of that command (NO, BAD) is kept too and thrown there, while a lost connection is
    /// thrown here, since nothing more can be sent on it.
    private func settleQueuedFetch() throws(IMAPError) {
        guard let queued = queuedFetch else { return }
        queuedFetch = nil
        let name = mailbox?.name ?? ""
        let outcome: Result<[FetchedMessage], IMAPError>
        do {
            outcome = .success(try readFetch(queued, mailbox: name))
        } catch {
            if isBroken { throw error }
            outcome = .failure(error)
        }
        settledFetch = (queued.uids, queued.flags, outcome)
    }

    /// Servers answer in mailbox order, which is UID order: sorted only when it is not. A UID sent twice keeps its
    /// last response.
    private static func ascendingByUID(_ messages: [FetchedMessage]) -> [FetchedMessage] {
        if zip(messages, messages.dropFirst()).allSatisfy({ $0.uid < $1.uid }) { return messages }
        var result: [FetchedMessage] = []
        result.reserveCapacity(messages.count)
        // Of equal UIDs the one that came last sorts last, and replaces the others.
        for index in messages.indices.sorted(by: { (messages[$0].uid, $0) < (messages[$1].uid, $1) }) {
            if result.last?.uid == messages[index].uid {
                result[result.count - 1] = messages[index]
            } else {
                result.append(messages[index])
            }
        }
        return result
    }

    func flags(uids: [UInt32]) throws(IMAPError) -> [UInt32: [String]] {
        let name = try requireMailbox().name
        guard !uids.isEmpty else { return [:] }
        var result: [UInt32: [String]] = [:]
        try run("UID FETCH \(IMAPCommandArgument.uidSet(uids)) (UID FLAGS)", mailbox: name) { response in
            if case .fetch(let fetched) = response, let uid = fetched.uid, let flags = fetched.flags {
                result[uid] = flags
            }
        }
        return result
    }

    func store(_ flags: [String], uids: [UInt32], adding: Bool) throws(IMAPError) {
        let name = try requireMailbox().name
        guard !uids.isEmpty, !flags.isEmpty else { return }
        var arguments: [String] = []
        for flag in flags {
            guard let valid = IMAPCommandArgument.flag(flag) else {
                throw invalid("\"\(flag)\" is not a valid flag or keyword (no spaces, parentheses or quotes)", name)
            }
            arguments.append(valid)
        }
        let sign = adding ? "+" : "-"
        try run("UID STORE \(IMAPCommandArgument.uidSet(uids)) \(sign)FLAGS.SILENT (\(arguments.joined(separator: " ")))",
                mailbox: name)
    }

    func move(uids: [UInt32], to target: String) throws(IMAPError) {
        let current = try requireMailbox()
        guard !current.readOnly else {
            throw invalid("moving needs the mailbox opened with select(), not examine()", current.name)
        }
        let destination = try mailboxArgument(target)
        guard !uids.isEmpty else { return }
        let set = IMAPCommandArgument.uidSet(uids)
        if capabilities.contains("MOVE") {
            try run("UID MOVE \(set) \(destination)", mailbox: current.name)
            return
        }
        try run("UID COPY \(set) \(destination)", mailbox: current.name)
        try store(["\\Deleted"], uids: uids, adding: true)
        if capabilities.contains("UIDPLUS") {
            try run("UID EXPUNGE \(set)", mailbox: current.name)
        } else {
            // Without UIDPLUS, EXPUNGE also removes other messages someone else marked \Deleted in this mailbox.
            try run("EXPUNGE", mailbox: current.name)
        }
    }

    func create(_ name: String) throws(IMAPError) {
        let argument = try mailboxArgument(name)
        do {
            try run("CREATE \(argument)", mailbox: name)
        } catch where error.kind == .commandFailed && error.responseCode == "ALREADYEXISTS" {
            return
        }
    }

    func noop() throws(IMAPError) {
        try run("NOOP", mailbox: mailbox?.name)
    }

    func idle(timeout: Duration, onIdling: (@Sendable () -> Void)?) throws(IMAPError) -> IdleOutcome {
        let name = try requireMailbox().name
        guard capabilities.contains("IDLE") else {
            throw IMAPError(.unsupported, host: settings.host, port: settings.effectivePort, mailbox: name,
                            command: "IDLE", detail: "the server does not announce IDLE; poll instead")
        }
        try settleQueuedFetch()
        mailboxGrew = false
        let tag = nextTag()
        try send("\(tag) IDLE\r\n", command: "IDLE")
        waitingForContinuation: while true {
            switch try nextResponse(command: "IDLE") {
            case .continuation: break waitingForContinuation
            case .tagged(let received, let status) where received == tag:
                // The server refused or ended IDLE at once.
                _ = try check(status, command: "IDLE")
                return outcome()
            default: continue
            }
        }
        onIdling?()
        let deadline = ContinuousClock.now + timeout
        var endedByServer = false
        var cancelled = false
        while !mailboxGrew {
            // Wake up now and then to notice task cancellation (a worker shutting down), which no socket event shows.
            let slice = min(deadline, ContinuousClock.now + .milliseconds(250))
            guard try reader.waitForData(until: slice) else {
                if Task.isCancelled {
                    cancelled = true
                    break
                }
                if slice == deadline { break }
                continue
            }
            if case .tagged(let received, let status) = try nextResponse(command: "IDLE"), received == tag {
                _ = try check(status, command: "IDLE")
                endedByServer = true
                break
            }
        }
        if !endedByServer {
            try send("DONE\r\n", command: "IDLE")
            try readUntilTagged(tag, command: "IDLE") { _ in }
        }
        if cancelled && !mailboxGrew { return .cancelled }
        return outcome()
    }

    private func outcome() -> IdleOutcome {
        guard mailboxGrew, let mailbox else { return .timedOut }
        return .newMessages(exists: mailbox.exists)
    }

    /// Best effort: says goodbye if the connection still works, then closes it.
    func logout() {
        if !isBroken { _ = try? run("LOGOUT") }
        close()
    }

    // MARK: Conversation

    @discardableResult
    private func run(_ command: String, mailbox: String? = nil,
                     onResponse: (IMAPServerResponse) throws(IMAPError) -> Void = { _ in }) throws(IMAPError) -> IMAPStatusText {
        try settleQueuedFetch()
        let tag = nextTag()
        try send("\(tag) \(command)\r\n", command: command, mailbox: mailbox)
        return try readUntilTagged(tag, command: command, mailbox: mailbox, onResponse: onResponse)
    }

    private func nextTag() -> String {
        tagNumber += 1
        // Same shape as libcurl's own tags (A001…), which it stops using once the login is done.
        return "A" + String(repeating: "0", count: max(0, 3 - String(tagNumber).count)) + String(tagNumber)
    }

    @discardableResult
    private func readUntilTagged(_ tag: String, command: String, mailbox: String? = nil,
                                 onResponse: (IMAPServerResponse) throws(IMAPError) -> Void) throws(IMAPError) -> IMAPStatusText {
        while true {
            let response = try nextResponse(command: command, mailbox: mailbox)
            if case .tagged(let received, let status) = response {
                guard received == tag else {
                    close()
                    throw IMAPError(.protocolError, host: settings.host, port: settings.effectivePort,
                                    mailbox: mailbox, command: command,
                                    detail: "response for unknown tag \(received) while waiting for \(tag)")
                }
                return try check(status, command: command, mailbox: mailbox)
            }
            try onResponse(response)
        }
    }

    private func check(_ status: IMAPStatusText, command: String, mailbox: String? = nil) throws(IMAPError) -> IMAPStatusText {
        let kind: IMAPError.Kind
        switch status.status {
        case .ok: return status
        case .no: kind = .commandFailed
        case .bad: kind = .commandRejected
        case .bye, .preauth: kind = .protocolError
        }
        throw IMAPError(kind, host: settings.host, port: settings.effectivePort, mailbox: mailbox ?? self.mailbox?.name,
                        command: command, responseCode: status.code, serverResponse: status.text)
    }

    private func send(_ line: String, command: String, mailbox: String? = nil) throws(IMAPError) {
        do {
            try transport.send(Array(line.utf8), timeout: settings.operationTimeout)
        } catch {
            throw broken(error, command: command, mailbox: mailbox)
        }
    }

    private func nextResponse(command: String, mailbox: String? = nil) throws(IMAPError) -> IMAPServerResponse {
        let response: IMAPServerResponse
        do {
            response = try reader.readResponse()
        } catch {
            throw broken(error, command: command, mailbox: mailbox)
        }
        track(response)
        return response
    }

    /// Keeps the snapshot current from unsolicited updates, whatever command is running.
    private func track(_ response: IMAPServerResponse) {
        switch response {
        case .exists(let count):
            if let current = mailbox?.exists, count > current { mailboxGrew = true }
            mailbox?.exists = count
        case .expunge:
            if let current = mailbox?.exists, current > 0 { mailbox?.exists = current - 1 }
        case .untaggedStatus(let status) where status.status == .bye:
            byeText = status.text
        default:
            break
        }
    }

    private func broken(_ error: IMAPError, command: String, mailbox: String?) -> IMAPError {
        close()
        var error = error
        error.command = command.count > 120 ? String(command.prefix(117)) + "..." : command
        error.mailbox = mailbox ?? self.mailbox?.name
        if let byeText, error.serverResponse == nil { error.serverResponse = byeText }
        return error
    }

    private func requireMailbox() throws(IMAPError) -> MailboxSnapshot {
        guard let mailbox else { throw invalid("no mailbox is open: call select() or examine() first", nil) }
        return mailbox
    }

    private func mailboxArgument(_ name: String) throws(IMAPError) -> String {
        guard let argument = IMAPCommandArgument.mailbox(name) else {
            throw invalid("mailbox names cannot contain CR, LF or NUL", name)
        }
        return argument
    }

    private func invalid(_ detail: String, _ mailbox: String?) -> IMAPError {
        IMAPError(.invalidArgument, host: settings.host, port: settings.effectivePort, mailbox: mailbox, detail: detail)
    }
}
