//! Email addresses as the newsletter form accepts them: the WHATWG "valid email address"
//! rule that `<input type=email>` applies, at most 254 characters, and a hint for the
//! common misspellings of the big mail domains.

/// The longest address a mail system can carry (RFC 5321 path limit minus the brackets).
pub const MAX_EMAIL_CHARS: usize = 254;

/// What is wrong with an address, in words a reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailProblem {
    Empty,
    TooLong,
    NoAt,
    TwoAts,
    NoLocalPart,
    NoDomain,
    LocalChar(char),
    DomainChar(char),
    BadDomain,
}

impl EmailProblem {
    pub fn message(&self) -> String {
        match self {
            EmailProblem::Empty => "Enter your email address.".into(),
            EmailProblem::TooLong => format!("An email address can be at most {MAX_EMAIL_CHARS} characters."),
            EmailProblem::NoAt => "An email address needs an @, as in name@example.com.".into(),
            EmailProblem::TwoAts => "An email address has only one @.".into(),
            EmailProblem::NoLocalPart => "Enter the part before the @, as in name@example.com.".into(),
            EmailProblem::NoDomain => "Enter the part after the @, as in name@example.com.".into(),
            EmailProblem::LocalChar(c) => format!("The part before the @ cannot contain “{}”.", shown(*c)),
            EmailProblem::DomainChar(c) => format!("The part after the @ cannot contain “{}”.", shown(*c)),
            EmailProblem::BadDomain => {
                "The part after the @ is not a valid domain: use letters, digits, hyphens and dots, as in example.com."
                    .into()
            }
        }
    }
}

fn shown(c: char) -> String {
    if c == ' ' {
        "a space".into()
    } else if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// The address the browser would submit: `<input type=email>` strips leading and trailing
/// ASCII whitespace and removes line breaks.
pub fn normalise_email(raw: &str) -> String {
    raw.chars().filter(|c| *c != '\n' && *c != '\r').collect::<String>().trim_matches(is_ascii_ws).to_owned()
}

fn is_ascii_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{0C}' | '\r')
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// Checks an already normalised address against the WHATWG rule:
/// `1*( atext / "." ) "@" label *( "." label )`, where a label is 1 to 63 letters, digits
/// and hyphens, not starting or ending with a hyphen. A top-level domain is not required
/// (`name@localhost` is valid, as in browsers); internationalised domains must be given in
/// their ASCII (punycode) form, as in browsers.
pub fn check_email(email: &str) -> Result<(), EmailProblem> {
    if email.is_empty() {
        return Err(EmailProblem::Empty);
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(EmailProblem::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(EmailProblem::NoAt);
    };
    if domain.contains('@') {
        return Err(EmailProblem::TwoAts);
    }
    if local.is_empty() {
        return Err(EmailProblem::NoLocalPart);
    }
    if let Some(c) = local.chars().find(|c| !is_local_char(*c)) {
        return Err(EmailProblem::LocalChar(c));
    }
    if domain.is_empty() {
        return Err(EmailProblem::NoDomain);
    }
    if let Some(c) = domain.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.')) {
        return Err(EmailProblem::DomainChar(c));
    }
    let label_ok =
        |label: &str| !label.is_empty() && label.len() <= 63 && !label.starts_with('-') && !label.ends_with('-');
    if domain.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(EmailProblem::BadDomain)
    }
}

/// Mail domains readers use most; a domain one or two keystrokes away from one of these
/// is probably a typo.
const COMMON_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "hotmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "web.de",
    "mail.com",
    "yandex.com",
    "comcast.net",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
];

/// "Did you mean …?": the address with its domain corrected, when the domain is not a
/// common one but is within one edit (two for longer domains) of one, and the corrected
/// address is valid (a hint never leads to another error).
pub fn suggest_email(email: &str) -> Option<String> {
    let (local, domain) = email.rsplit_once('@')?;
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    let domain_lower = domain.to_ascii_lowercase();
    if COMMON_DOMAINS.contains(&domain_lower.as_str()) {
        return None;
    }
    let allowed = if domain_lower.len() >= 8 { 2 } else { 1 };
    COMMON_DOMAINS
        .iter()
        .map(|known| (edit_distance(&domain_lower, known), *known))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, known)| format!("{local}@{known}"))
        .filter(|hint| check_email(hint).is_ok())
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbouring characters each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two back (for swaps), one back, and the one being filled.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &ac) in a.iter().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for (j, &bc) in b.iter().enumerate() {
            let up = previous.get(j + 1).copied().unwrap_or(usize::MAX).saturating_add(1);
            let left = row.last().copied().unwrap_or(usize::MAX).saturating_add(1);
            let diagonal = previous.get(j).copied().unwrap_or(usize::MAX).saturating_add(usize::from(ac != bc));
            let mut best = up.min(left).min(diagonal);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(&bc) && b.get(j - 1) == Some(&ac);
            if swapped {
                best = best.min(before.get(j - 1).copied().unwrap_or(usize::MAX).saturating_add(1));
            }
            row.push(best);
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hint_is_never_an_invalid_address() {
        // Found by the `email` fuzz target: the domain was corrected, the local part not.
        assert_eq!(super::suggest_email("Ada.Lovelace+;ews@gmial.com"), None);
        assert_eq!(super::suggest_email("ada@gmial.com").as_deref(), Some("ada@gmail.com"));
    }

    use super::*;

    #[test]
    fn whatwg_valid_addresses() {
        for ok in [
            "ada@example.com",
            "a@b",
            "name@localhost",
            "first.last@sub.example.co.uk",
            "x+tag@example.com",
            ".leading.dot.is.allowed@example.com",
            "two..dots@example.com",
            "!#$%&'*+/=?^_`{|}~-@example.com",
            "UPPER@EXAMPLE.COM",
            "a@1.2.3.4",
            "a@xn--bcher-kva.example",
            "a@a-b.c",
        ] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn whatwg_invalid_addresses() {
        let cases: &[(&str, EmailProblem)] = &[
            ("", EmailProblem::Empty),
            ("ada.example.com", EmailProblem::NoAt),
            ("a@b@c", EmailProblem::TwoAts),
            ("@example.com", EmailProblem::NoLocalPart),
            ("ada@", EmailProblem::NoDomain),
            ("a b@example.com", EmailProblem::LocalChar(' ')),
            ("\"quoted\"@example.com", EmailProblem::LocalChar('"')),
            ("ad(a)@example.com", EmailProblem::LocalChar('(')),
            ("élise@example.com", EmailProblem::LocalChar('é')),
            ("a@bücher.example", EmailProblem::DomainChar('ü')),
            ("a@[127.0.0.1]", EmailProblem::DomainChar('[')),
            ("a@exa_mple.com", EmailProblem::DomainChar('_')),
            ("a@example..com", EmailProblem::BadDomain),
            ("a@.example.com", EmailProblem::BadDomain),
            ("a@example.com.", EmailProblem::BadDomain),
            ("a@-example.com", EmailProblem::BadDomain),
            ("a@example-.com", EmailProblem::BadDomain),
        ];
        for (bad, problem) in cases {
            assert_eq!(check_email(bad).as_ref(), Err(problem), "{bad}");
        }
        let long_label = format!("a@{}.com", "x".repeat(64));
        assert_eq!(check_email(&long_label), Err(EmailProblem::BadDomain));
        assert_eq!(check_email(&format!("a@{}.com", "x".repeat(63))), Ok(()));
    }

    #[test]
    fn length_limit_is_254_characters() {
        let at_limit = format!("{}@example.com", "a".repeat(254 - 12));
        assert_eq!(at_limit.len(), 254);
        assert_eq!(check_email(&at_limit), Ok(()));
        let over = format!("a{at_limit}");
        assert_eq!(check_email(&over), Err(EmailProblem::TooLong));
    }

    #[test]
    fn normalising_strips_what_the_browser_strips() {
        assert_eq!(normalise_email("  ada@example.com\t"), "ada@example.com");
        assert_eq!(normalise_email("ada@exa\nmple.com"), "ada@example.com");
        // A no-break space is not ASCII whitespace: it stays and is then refused.
        assert_eq!(check_email(&normalise_email("\u{a0}ada@example.com")), Err(EmailProblem::LocalChar('\u{a0}')));
    }

    #[test]
    fn messages_name_the_problem() {
        assert!(EmailProblem::LocalChar(' ').message().contains("a space"));
        assert!(EmailProblem::DomainChar('\u{7}').message().contains("U+0007"));
        assert!(EmailProblem::TooLong.message().contains("254"));
    }

    #[test]
    fn typo_hints() {
        assert_eq!(suggest_email("ada@gmial.com").as_deref(), Some("ada@gmail.com"));
        assert_eq!(suggest_email("ada@gmail.con").as_deref(), Some("ada@gmail.com"));
        assert_eq!(suggest_email("ada@gmai.com").as_deref(), Some("ada@gmail.com"));
        assert_eq!(suggest_email("ada@hotmial.co.uk").as_deref(), Some("ada@hotmail.co.uk"));
        assert_eq!(suggest_email("ada@outlok.com").as_deref(), Some("ada@outlook.com"));
        assert_eq!(suggest_email("ada@yaho.com").as_deref(), Some("ada@yahoo.com"));
        assert_eq!(suggest_email("Ada@GMAIL.CMO").as_deref(), Some("Ada@gmail.com"));
        // Right already, or not close to anything common.
        assert_eq!(suggest_email("ada@gmail.com"), None);
        assert_eq!(suggest_email("ada@thecircuit.example"), None);
        assert_eq!(suggest_email("ada@example.com"), None);
        assert_eq!(suggest_email("ada@"), None);
        assert_eq!(suggest_email("no-at-sign"), None);
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("gmial.com", "gmail.com"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
