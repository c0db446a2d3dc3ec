import ArgumentParser

struct SequenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequence",
        abstract: "Move contacts through a Sequence: enroll, process, step, complete, unenroll.",
        discussion: "Each acts on one contact (--email) or a filtered set (see `leadfwd contacts list --help`).",
        subcommands: [SequenceEnrollCommand.self, SequenceProcessCommand.self, SequenceStepCommand.self,
                      SequenceCompleteCommand.self, SequenceUnenrollCommand.self]
    )
}
