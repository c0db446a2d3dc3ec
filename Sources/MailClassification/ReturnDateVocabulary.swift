/// What a word is to the date rules: a month, a weekday, a filler or an ordinal suffix, or several of these ("do"
/// is a German weekday and a filler, "a" a filler and a suffix), or nothing.
struct DateWord: Equatable, Sendable {
    /// 1 = January.
    var month: Int?
    /// The calendar weekday (1 = Sunday) a full weekday name stands for.
    var weekdayNumber: Int?
    /// A weekday's name or abbreviation.
    var isWeekday = false
    var isFiller = false
    var isOrdinalSuffix = false

    init(month: Int? = nil, weekdayNumber: Int? = nil, isWeekday: Bool = false, isFiller: Bool = false,
         isOrdinalSuffix: Bool = false) {
        (self.month, self.weekdayNumber) = (month, weekdayNumber)
        (self.isWeekday, self.isFiller, self.isOrdinalSuffix) = (isWeekday, isFiller, isOrdinalSuffix)
    }

    /// The word whose fold (`NormalizedText.bytes`, a space at each end) is `folded`: looked up in one phrase
    /// table, one transition per byte, rather than hashed for each of the vocabulary's tables in turn.
    init(folded: UnsafeBufferPointer<UInt8>) {
        var word = DateWord()
        _ = DateVocabulary.words.containsMatch(in: folded) { match in
            if match.range == 0..<folded.count { word.add(match.value) }
            return false
        }
        self = word
    }

    /// The word whose lowercase ASCII letters are `letters`.
    init(asciiLetters letters: UnsafeBufferPointer<UInt8>) {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: letters.count + 2) { bounded in
            bounded[0] = 0x20
            bounded[letters.count + 1] = 0x20
            for index in letters.indices { bounded[index + 1] = letters[index].lowercasedASCII }
            return DateWord(folded: UnsafeBufferPointer(bounded))
        }
    }

    private mutating func add(_ other: DateWord) {
        month = month ?? other.month
        weekdayNumber = weekdayNumber ?? other.weekdayNumber
        isWeekday = isWeekday || other.isWeekday
        isFiller = isFiller || other.isFiller
        isOrdinalSuffix = isOrdinalSuffix || other.isOrdinalSuffix
    }
}

/// Month and weekday names in the seven languages, normalised.
enum DateVocabulary {
    /// Every word below with what it is, one entry per list it is in.
    static let words = PhraseTable<DateWord>(
        months.map { ($0.key, DateWord(month: $0.value)) } + weekdayNumbers.map { ($0.key, DateWord(weekdayNumber: $0.value)) }
            + weekdays.map { ($0, DateWord(isWeekday: true)) } + fillers.map { ($0, DateWord(isFiller: true)) }
            + ordinalSuffixes.map { ($0, DateWord(isOrdinalSuffix: true)) })

    static let months: [String: Int] = {
        let names: [[String]] = [
            ["january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene", "januari", "janeiro", "gennaio", "gen",
             "stycznia", "января", "янв"],
            ["february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "februari", "fevereiro", "febbraio",
             "lutego", "февраля", "февр", "фев"],
            ["march", "mar", "marz", "mars", "marzo", "maart", "mrt", "marco", "marca", "марта", "мар"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "апреля", "апр"],
            ["may", "mai", "mayo", "mei", "maio", "maggio", "mag", "maj", "maja", "мая"],
            ["june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "czerwca", "июня", "июн"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "lipca", "июля", "июл"],
            ["august", "aug", "aout", "agosto", "ago", "augustus", "augusti", "sierpnia", "августа", "авг"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "set", "settembre", "sett",
             "wrzesnia", "сентября", "сент", "сен"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott", "pazdziernika", "октября", "окт"],
            ["november", "nov", "novembre", "noviembre", "novembro", "listopada", "ноября", "нояб", "ноя"],
            ["december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dezembro", "dicembre", "grudnia", "декабря", "дек"],
        ]
        var table: [String: Int] = [:]
        for (index, group) in names.enumerated() { for name in group { table[name] = index + 1 } }
        return table
    }()

    /// Calendar weekday numbers (1 = Sunday) by full name.
    static let weekdayNumbers: [String: Int] = {
        let names: [[String]] = [
            ["sunday", "sonntag", "dimanche", "domingo", "zondag", "domenica", "sondag"],
            ["monday", "montag", "lundi", "lunes", "maandag", "segunda", "lunedi", "mandag"],
            ["tuesday", "dienstag", "mardi", "martes", "dinsdag", "terca", "martedi", "tisdag"],
            ["wednesday", "mittwoch", "mercredi", "miercoles", "woensdag", "quarta", "mercoledi", "onsdag"],
            ["thursday", "donnerstag", "jeudi", "jueves", "donderdag", "quinta", "giovedi", "torsdag"],
            ["friday", "freitag", "vendredi", "viernes", "vrijdag", "sexta", "venerdi", "fredag"],
            ["saturday", "samstag", "samedi", "sabado", "zaterdag", "sabato", "lordag"],
        ]
        var table: [String: Int] = [:]
        for (index, group) in names.enumerated() { for name in group { table[name] = index + 1 } }
        return table
    }()

    static let weekdays: Set<String> = [
        "mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonntag", "mo", "di", "mi", "do", "fr", "sa", "so", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "segunda", "terca",
        "quarta", "quinta", "sexta", "feira", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato",
        "domenica",
    ]

    static let fillers: Set<String> = [
        "on", "the", "of", "le", "el", "il", "dem", "den", "de", "del", "o", "dia", "am", "zum", "zur", "einschliesslich",
        "inclusive", "including", "op", "en", "met", "a", "al", "au", "du", "lo", "on", "next", "prochain",
        "naechsten", "nachsten", "proximo", "prossimo", "office", "in", "im", "buro", "ufficio", "biura", "do",
        "kantoor", "escritorio", "bureau", "until", "no", "dia", "le", "la", "i", "r",
    ]

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er", "e", "o", "a", "eme"]
}
