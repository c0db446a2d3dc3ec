/// One mailbox the worker reads, as the config file describes it, with defaults applied and paths resolved.
public struct MailboxConfiguration: Sendable, Equatable {
    /// Unique within the config; names the checkpoint file and appears in event sources (`mailbox NAME uid N`).
    public var name: String
    public var location: MailboxLocation
    public var user: String?
    public var secret: MailboxSecretSource?
    /// Force one SASL mechanism (`PLAIN`, `LOGIN`, `XOAUTH2`, `OAUTHBEARER`); nil lets the server's offer decide.
    public var authMechanism: String?
    public var caFile: String?
    public var insecureSkipVerify: Bool
    public var postAction: PostAction
    public var pollInterval: Duration
    public var batchSize: Int
    public var idle: Bool

    public init(name: String, location: MailboxLocation, user: String? = nil, secret: MailboxSecretSource? = nil,
                authMechanism: String? = nil, caFile: String? = nil, insecureSkipVerify: Bool = false,
                postAction: PostAction = .leave, pollInterval: Duration = .seconds(60), batchSize: Int = 200,
                idle: Bool = true) {
        self.name = name
        self.location = location
        self.user = user
        self.secret = secret
        self.authMechanism = authMechanism
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
        self.postAction = postAction
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.idle = idle
    }
}
