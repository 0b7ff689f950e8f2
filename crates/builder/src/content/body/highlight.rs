//! Code listings highlighted at build time (syntect, with Sublime Text's grammars), into
//! typed spans whose class names the kind of token. The reader's wasm carries no grammar:
//! it draws the spans it is given, and the theme colours each class.

use std::sync::OnceLock;

use masthead_model::CodeSpan;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The class of a token: the first kind in the list below that any of its scopes has
/// (a comment's `//` is a comment, not punctuation; a string's quotes are string).
fn class_of(stack: &[Scope]) -> Option<&'static str> {
    // Scope prefixes in order of precedence, each with the class it gives.
    const CLASSES: &[(&str, &str)] = &[
        ("comment", "comment"),
        ("string", "string"),
        ("constant.numeric", "number"),
        ("constant", "constant"),
        ("keyword.operator", "operator"),
        ("keyword", "keyword"),
        ("storage.type", "keyword"),
        ("storage", "keyword"),
        ("entity.name.function", "function"),
        ("support.macro", "function"),
        ("support.function", "function"),
        ("variable.function", "function"),
        ("entity.name.tag", "tag"),
        ("entity.other.attribute-name", "attribute"),
        ("entity.name", "type"),
        ("support.type", "type"),
        ("support.class", "type"),
        ("variable", "variable"),
        ("markup.inserted", "inserted"),
        ("markup.deleted", "deleted"),
        ("punctuation", "punctuation"),
    ];
    let names: Vec<String> = stack.iter().map(|scope| scope.build_string()).collect();
    CLASSES
        .iter()
        .find(|(prefix, _)| names.iter().any(|name| name == prefix || name.starts_with(&format!("{prefix}."))))
        .map(|(_, class)| *class)
}

/// The grammar's own token for a language's other names, as WordPress's, Ghost's and Hugo's
/// sites write them (`csharp`, `golang`, `shell`, `yml`…).
fn alias(language: &str) -> Option<&'static str> {
    Some(match language {
        "csharp" | "c-sharp" | "c#" => "cs",
        "golang" => "go",
        "shell" | "sh" | "zsh" | "console" | "shell-session" => "bash",
        "yml" => "yaml",
        "py" | "python3" => "python",
        "rb" | "rails" | "ror" => "ruby",
        "pl" => "perl",
        "objc" | "obj-c" | "objective-c" => "m",
        "c++" => "cpp",
        "jscript" | "node" | "jsx" | "ecmascript" => "js",
        "tex" | "latex" => "tex",
        "clj" => "clojure",
        "erl" => "erlang",
        "hs" => "haskell",
        "xhtml" => "html",
        "xslt" => "xml",
        "patch" => "diff",
        "rs" => "rust",
        _ => return None,
    })
}

/// `code` as spans: highlighted for a language the builder knows (by name or file
/// extension: `rust`, `js`, `python`, `bash`…), else one plain span. Returns the spans and
/// whether the language was known.
pub fn highlight(code: &str, language: Option<&str>) -> (Vec<CodeSpan>, bool) {
    let set = syntaxes();
    let syntax = language.and_then(|l| {
        let l = l.trim();
        set.find_syntax_by_token(l).or_else(|| set.find_syntax_by_token(alias(&l.to_ascii_lowercase())?))
    });
    let Some(syntax) = syntax else {
        return (vec![CodeSpan { text: code.to_owned(), class: None }], false);
    };
    let mut spans: Vec<CodeSpan> = Vec::new();
    let mut push = |text: &str, class: Option<&'static str>| {
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.class.as_deref() == class => last.text.push_str(text),
            _ => spans.push(CodeSpan { text: text.to_owned(), class: class.map(str::to_owned) }),
        }
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    for line in LinesWithEndings::from(code) {
        let Ok(ops) = state.parse_line(line, set) else {
            // A grammar that fails on this text: the rest stays plain.
            push(line, None);
            continue;
        };
        let mut at = 0;
        for (index, op) in ops {
            let index = index.min(line.len());
            if index > at {
                push(line.get(at..index).unwrap_or_default(), class_of(stack.as_slice()));
                at = index;
            }
            let _ = stack.apply(&op);
        }
        push(line.get(at..).unwrap_or_default(), class_of(stack.as_slice()));
    }
    (spans, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(spans: &[CodeSpan]) -> Vec<(&str, Option<&str>)> {
        spans.iter().map(|s| (s.text.as_str(), s.class.as_deref())).collect()
    }

    #[test]
    fn rust_is_split_into_typed_tokens_that_add_up_to_the_code() {
        let code = "// note\nfn main() {\n    let n = 42;\n    println!(\"hi {n}\");\n}\n";
        let (spans, known) = highlight(code, Some("rust"));
        assert!(known);
        assert_eq!(spans.iter().map(|s| s.text.as_str()).collect::<String>(), code);
        let found = classes(&spans);
        assert!(found.contains(&("// note\n", Some("comment"))), "{found:?}");
        assert!(found.contains(&("fn", Some("keyword"))), "{found:?}");
        assert!(found.contains(&("42", Some("number"))), "{found:?}");
        assert!(found.iter().any(|(t, c)| t.contains("hi ") && *c == Some("string")), "{found:?}");
    }

    #[test]
    fn an_unknown_language_is_one_plain_span() {
        let (spans, known) = highlight("x := 1\n", Some("no-such-language"));
        assert!(!known);
        assert_eq!(classes(&spans), [("x := 1\n", None)]);
        assert!(highlight("echo hi\n", Some("bash")).1);
        assert!(!highlight("echo hi\n", None).1);
    }

    #[test]
    fn languages_by_the_names_other_systems_give_them_are_highlighted() {
        for name in ["csharp", "C#", "golang", "shell", "sh", "yml", "py", "rb", "objc", "c++", "jscript"] {
            assert!(highlight("x\n", Some(name)).1, "{name}");
        }
    }
}
