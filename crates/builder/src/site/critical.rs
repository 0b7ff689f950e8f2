//! The part of the site's stylesheet a page needs for its first paint, written into the
//! page; the whole stylesheet is linked after the page, for the app (which renders what
//! the written page has not: menus, notices, the explorer) and cached across pages.
//!
//! A rule is kept when one of its selectors can match the page: every class it names
//! outside a functional pseudo-class (`:not(…)`, `:is(…)`, …) belongs to a component
//! (the part of a class before `__` or `--`) that the page has, and every element it
//! names is in the page. Matching whole components, not single classes, keeps the
//! modifiers a script switches on a component already there (`--open`, `--empty`), and
//! gives few distinct results per site, each allowed in the policy by its hash. Attribute
//! and id selectors are kept whatever they name (the theme script sets `data-theme`
//! before the first paint). Left to the whole stylesheets, which follow the page: what
//! applies only once a reader acts (a selector that needs `:hover`, `:focus`,
//! `:focus-visible`, `:focus-within` or `:active`) and `@media print`. Other at-rules than
//! `@media`, `@supports`, `@container` and `@layer` blocks (`@font-face`, `@keyframes`,
//! …) are kept as they are.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use cssparser::{Parser, ParserInput, Token};

/// Where a page's part of the stylesheet goes (in the head, where the stylesheets were).
pub const SLOT: &str = "<style data-critical></style>";
/// A filled slot's start.
pub const FILLED: &str = "<style data-critical>";

/// A page's part of the stylesheet and its policy hash.
type Part = Arc<(String, String)>;

/// The site's stylesheet for one build, and the part of it each set of components gets.
pub struct Styles {
    sheet: Sheet,
    made: Mutex<HashMap<Present, Part>>,
}

impl Styles {
    pub fn new(css: &str) -> Styles {
        Styles { sheet: Sheet::parse(css), made: Mutex::default() }
    }

    /// The page with its part of the stylesheet in its slot and allowed by its hash in the
    /// page's policy; and that hash (`None`: the page has no slot, as it is left).
    pub fn fill(&self, page: &str) -> (String, Option<String>) {
        let Some(at) = page.find(SLOT) else { return (page.to_owned(), None) };
        let present = Present::of(page);
        let made = self.made.lock().ok().and_then(|m| m.get(&present).cloned());
        let made = made.unwrap_or_else(|| {
            let css = self.sheet.for_page(&present);
            let hash = super::deploy::source_hash(&css);
            let made = Arc::new((css, hash));
            if let Ok(mut m) = self.made.lock() {
                m.insert(present, made.clone());
            }
            made
        });
        let (css, hash) = &*made;
        let mut out = String::with_capacity(page.len() + css.len() + 64);
        out.push_str(&page[..at]);
        out.push_str(FILLED);
        out.push_str(css);
        out.push_str("</style>");
        out.push_str(&page[at + SLOT.len()..]);
        // The page's own policy (for hosts without headers) allows it.
        const STYLE_SRC: &str = "style-src 'self'";
        let head = out.find("</head>").unwrap_or(0);
        if let Some(policy) = out[..head].find("http-equiv=\"Content-Security-Policy\"") {
            if let Some(s) = out[policy..head].find(STYLE_SRC).map(|s| policy + s + STYLE_SRC.len()) {
                out.insert_str(s, &format!(" '{hash}'"));
            }
        }
        (out, Some(hash.clone()))
    }
}

/// A stylesheet read into rules, once per build.
#[derive(Debug, Default)]
pub struct Sheet {
    items: Vec<Item>,
}

#[derive(Debug)]
enum Item {
    /// A style rule: its text, and what each of its selectors needs.
    Rule { text: String, needs: Vec<Vec<Need>> },
    /// `@media … {`, its rules, `}`.
    Group { head: String, items: Vec<Item> },
    /// Kept whatever the page has.
    Always(String),
}

impl Sheet {
    /// Reads `css`. What cannot be read as rules is kept as it is.
    pub fn parse(css: &str) -> Sheet {
        let mut input = ParserInput::new(css);
        let mut parser = Parser::new(&mut input);
        Sheet { items: read_level(&mut parser) }
    }

    /// The rules that can match a page with these components and elements, in the
    /// sheet's order.
    pub fn for_page(&self, present: &Present) -> String {
        let mut out = String::new();
        write_items(&self.items, present, &mut out);
        out
    }
}

/// What of a page's HTML the sheet's selectors are matched against.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Present {
    /// The components: the part of each class before `__` or `--`.
    components: BTreeSet<String>,
    /// The elements' names, in lower case.
    elements: BTreeSet<String>,
}

impl Present {
    pub fn of(html: &str) -> Present {
        let mut components = BTreeSet::new();
        let mut rest = html;
        while let Some(at) = rest.find(" class=\"") {
            rest = &rest[at + " class=\"".len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            for class in rest[..end].split_ascii_whitespace() {
                components.insert(component(class).to_owned());
            }
            rest = &rest[end..];
        }
        let mut elements = BTreeSet::new();
        for (at, _) in html.match_indices('<') {
            let name: String = html[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                elements.insert(name);
            }
        }
        Present { components, elements }
    }

    fn has(&self, need: &Need) -> bool {
        match need {
            Need::Component(c) => self.components.contains(c),
            Need::Element(e) => self.elements.contains(e),
            Need::Action => false,
        }
    }
}

/// What one selector needs of a page to match it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    Component(String),
    Element(String),
    /// A reader's action (`:hover`, `:focus`…): never there at the first paint.
    Action,
}

fn component(class: &str) -> &str {
    let end = [class.find("__"), class.find("--")].into_iter().flatten().min().unwrap_or(class.len());
    &class[..end]
}

fn write_items(items: &[Item], present: &Present, out: &mut String) {
    for item in items {
        match item {
            Item::Rule { text, needs } => {
                if needs.iter().any(|selector| selector.iter().all(|need| present.has(need))) {
                    out.push_str(text);
                }
            }
            Item::Group { head, .. } if head.starts_with("@media print") => {}
            Item::Group { head, items } => {
                let mut inner = String::new();
                write_items(items, present, &mut inner);
                if !inner.is_empty() {
                    out.push_str(head);
                    out.push('{');
                    out.push_str(&inner);
                    out.push('}');
                }
            }
            Item::Always(text) => out.push_str(text),
        }
    }
}

/// The rules of one level of the sheet (the top, or a group's block).
fn read_level(p: &mut Parser) -> Vec<Item> {
    let mut items = Vec::new();
    loop {
        // Whitespace and comments between rules are not carried.
        p.skip_whitespace();
        let start = p.position();
        let Ok(token) = p.next().cloned() else { break };
        let at_rule = match token {
            Token::AtKeyword(name) => Some(name.to_ascii_lowercase()),
            // Stray semicolons or the HTML comment tokens a sheet may hold.
            Token::Semicolon | Token::CDO | Token::CDC => continue,
            _ => None,
        };
        // The prelude runs to the rule's block (or, for a statement at-rule, its `;`).
        let mut head_end = None;
        loop {
            let before = p.position();
            match p.next() {
                Ok(Token::CurlyBracketBlock) => {
                    head_end = Some(before);
                    break;
                }
                Ok(Token::Semicolon) | Err(_) => break,
                // Read past a bracket's contents, so the next position is after it.
                Ok(Token::Function(_) | Token::ParenthesisBlock | Token::SquareBracketBlock) => {
                    let _ = p.parse_nested_block(|_| Ok::<_, cssparser::ParseError<()>>(()));
                }
                Ok(_) => {}
            }
        }
        let block = head_end.is_some();
        let head = head_end.map(|end| minified(p.slice(start..end))).unwrap_or_default();
        let grouping = matches!(at_rule.as_deref(), Some("media" | "supports" | "container" | "layer"));
        if block && grouping {
            let inner =
                p.parse_nested_block(|inner| Ok::<_, cssparser::ParseError<()>>(read_level(inner))).unwrap_or_default();
            items.push(Item::Group { head, items: inner });
            continue;
        }
        if block {
            // Past the block, unread.
            let _ = p.parse_nested_block(|_| Ok::<_, cssparser::ParseError<()>>(()));
        }
        let text = minified(p.slice_from(start));
        match (at_rule, block) {
            (None, true) => items.push(Item::Rule { needs: selector_needs(&head), text }),
            _ => items.push(Item::Always(text)),
        }
    }
    items
}

/// `css` without comments, with each run of whitespace one space, and none around `{`,
/// `}`, `;`, `,` and `>`, nor after `:` (never inside a string, never before `:`, which
/// makes `.a :hover` another selector than `.a:hover`, and never around `+` or `-`,
/// which `calc()` needs spaced).
fn minified(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    let mut space = false;
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !tight(c) && !out.ends_with(|c| tight(c) || c == ':') {
            out.push(' ');
        }
        space = false;
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}

/// For each selector of a rule's prelude, the components its classes belong to, the
/// elements it names and whether it waits for a reader's action. What is inside a
/// function (`:not(.x)`, `:is(.a, .b)`) or a bracket needs nothing.
fn selector_needs(prelude: &str) -> Vec<Vec<Need>> {
    let mut input = ParserInput::new(prelude);
    let mut p = Parser::new(&mut input);
    let mut all: Vec<Vec<Need>> = vec![Vec::new()];
    let mut last: Option<Token> = None;
    while let Ok(token) = p.next_including_whitespace_and_comments() {
        let token = token.clone();
        let need = match (&token, &last) {
            (Token::Comma, _) => {
                all.push(Vec::new());
                None
            }
            (Token::Ident(name), Some(Token::Delim('.'))) => Some(Need::Component(component(name).to_owned())),
            (Token::Ident(name), Some(Token::Colon)) => {
                let name = name.to_ascii_lowercase();
                matches!(name.as_str(), "hover" | "focus" | "focus-visible" | "focus-within" | "active")
                    .then_some(Need::Action)
            }
            // An element's name: not after `#`, `:` or `::`, nor inside a bracket.
            (Token::Ident(name), _) => Some(Need::Element(name.to_ascii_lowercase())),
            _ => None,
        };
        if let (Some(need), Some(needs)) = (need, all.last_mut()) {
            if !needs.contains(&need) {
                needs.push(need);
            }
        }
        last = Some(token);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = r#"
/* Tokens. */
:root { --ink: #111; }
html[data-theme="dark"] { --ink: #eee; }
@font-face { font-family: X; src: url(x.woff2); }
.card { margin: 0; }
.card__title, .menu__item { font-weight: 700; }
.card--open .menu__item:not(.card--hidden) { color: red; }
.explorer__chip:hover { color: blue; }
a:is(.explorer__x, .card) { text-decoration: none; }
@media (min-width: 40rem) {
  .card { display: grid; }
  .explorer { display: flex; }
}
@media print { .explorer { display: none; } }
kbd { font: inherit; }
table td { padding: 0; }
@keyframes pulse { 50% { opacity: 0.5; } }
"#;

    #[test]
    fn a_page_gets_the_rules_of_its_components_and_everything_that_names_none() {
        let sheet = Sheet::parse(CSS);
        let page = r#"<html><div class="card card--open"><h2 class="card__title">x <a href="/">y</a></h2></div>"#;
        let present = Present::of(page);
        assert_eq!(present.components.iter().map(String::as_str).collect::<Vec<_>>(), ["card"]);
        assert_eq!(present.elements.iter().map(String::as_str).collect::<Vec<_>>(), ["a", "div", "h2", "html"]);
        let css = sheet.for_page(&present);
        for kept in [
            ":root{--ink:#111;}",
            "html[data-theme=\"dark\"]",
            "@font-face",
            ".card{margin:0;}",
            ".card__title,.menu__item",
            "a:is(.explorer__x,.card)",
            "@media (min-width:40rem){.card{display:grid;}}",
            "@keyframes pulse{50%{opacity:0.5;}}",
        ] {
            assert!(css.contains(kept), "{kept} kept in:\n{css}");
        }
        for left in [
            ".card--open .menu__item",
            ".explorer__chip",
            ".explorer{display:flex;}",
            "@media print",
            "Tokens",
            "kbd",
            "table td",
        ] {
            assert!(!css.contains(left), "{left} left out of:\n{css}");
        }
    }

    #[test]
    fn a_page_with_every_component_and_element_gets_every_rule_but_those_of_actions_and_print() {
        let sheet = Sheet::parse(CSS);
        let all = Present::of(r#"<html><p class="card menu explorer"><a><kbd></kbd><table><td></table></a></p>"#);
        let css = sheet.for_page(&all);
        assert!(!css.contains(":hover") && !css.contains("@media print"), "{css}");
        // Less the hover rule and the print block with its rule.
        assert_eq!(css.matches('{').count(), CSS.matches('{').count() - 3, "{css}");
    }

    #[test]
    fn a_selector_that_waits_for_an_action_is_left_out_only_when_every_selector_of_its_rule_does() {
        let sheet = Sheet::parse(".a:hover, .a:focus-visible { x: y } .a:hover, .a[open] { z: w } .a::before { v: u }");
        let css = sheet.for_page(&Present::of(r#"<p class="a">"#));
        assert_eq!(css, ".a:hover,.a[open]{z:w}.a::before{v:u}");
    }

    #[test]
    fn what_is_not_css_is_carried_as_it_is_and_never_panics() {
        for css in [
            "",
            "}",
            "{",
            ".a {",
            "@media {",
            "@media (x) { .a { b: c",
            ".a { } } .b {}",
            "@import 'x';",
            "<!-- .a{} -->",
        ] {
            let sheet = Sheet::parse(css);
            let _ = sheet.for_page(&Present::of("<p class=\"a\">"));
        }
        let sheet = Sheet::parse("@import url(x.css);\n.a { b: c }");
        assert_eq!(sheet.for_page(&Present::default()), "@import url(x.css);");
        assert_eq!(
            minified("a  >  b , c :hover /* x */ { width : calc(1px + 2%) ; content: \"  ;  \" }"),
            "a>b,c :hover{width :calc(1px + 2%);content:\"  ;  \"}"
        );
    }
}
