/// What the fold of a reply's new text holds of the two vocabularies read on every reply: opt-out requests
/// (`OptOutPhrases`: a keyword, a clause) and the wording of automatic notes (`AutoReplyPhrases`: a template's sign,
/// an absence or departure sentence). Found in one scan of the fold: scanning it for each vocabulary in turn read
/// the same bytes twice.
struct ReplyTextSigns {
    enum Sign: Sendable { case optOutKeyword, optOutClause, template, absence }

    /// Every phrase of both vocabularies with its sign. A phrase that is in two lists is in the table twice, in the
    /// order the lists come here, so matches that end together come in the order the separate tables gave.
    static let vocabulary = PhraseTable<Sign>(
        OptOutPhrases.keywords.map { ($0, Sign.optOutKeyword) } + OptOutPhrases.clauses.map { ($0, Sign.optOutClause) }
            + AutoReplyPhrases.templateSigns.map { ($0, Sign.template) }
            + (AutoReplyPhrases.outOfOffice + AutoReplyPhrases.leftCompanyStatements).map { ($0, Sign.absence) })

    /// Whether the fold holds an opt-out keyword, and an opt-out clause.
    let holdsOptOutKeyword: Bool, holdsOptOutClause: Bool
    /// Where the first template sign and the first absence sentence are in the fold (as a match's range).
    let template: Range<Int>?, absence: Range<Int>?

    init(folded: UnsafeBufferPointer<UInt8>, counter: StepCounter?) {
        var keyword = false, clause = false
        var template: Range<Int>?, absence: Range<Int>?
        // The scan stops once nothing it could still find would change what is known.
        _ = Self.vocabulary.containsMatch(in: folded, counter: counter) { match in
            switch match.value {
            case .optOutKeyword: keyword = true
            case .optOutClause: clause = true
            case .template: template = template ?? match.range
            case .absence: absence = absence ?? match.range
            }
            return keyword && clause && template != nil && absence != nil
        }
        (holdsOptOutKeyword, holdsOptOutClause, self.template, self.absence) = (keyword, clause, template, absence)
    }
}
