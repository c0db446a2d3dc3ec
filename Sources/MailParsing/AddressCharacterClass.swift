/// Which characters may appear in the parts of an address (RFC 5322 atext, extended to Unicode letters and digits by
/// RFC 6532).
enum AddressCharacterClass {
    /// RFC 5322 atext: letters, digits and ``!#$%&'*+-/=?^_`{|}~``; any non-ASCII letter, mark or digit.
    static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E...0x60, 0x7B...0x7E: return true
        case 0..<0x80: return false
        default: return isUnicodeWordCharacter(scalar)
        }
    }

    /// A character of a domain label: letters, digits, hyphen, and non-ASCII letters for IDNs.
    static func isDomainLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: return true
        case 0..<0x80: return false
        default: return isUnicodeWordCharacter(scalar)
        }
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80: return false
        default: return isUnicodeWordCharacter(scalar)
        }
    }

    /// Non-ASCII letters, marks and digits; not punctuation such as “smart quotes” or «guillemets», which surround
    /// addresses in free text far more often than they belong to them.
    private static func isUnicodeWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Lowercases a domain; domain literals (`[192.0.2.1]`) keep their text.
    static func normalizedDomain<S: StringProtocol>(_ domain: S) -> String {
        var text = String(domain)
        while text.hasSuffix(".") { text.removeLast() }
        if text.hasPrefix("[") { return text }
        return text.lowercased()
    }
}
