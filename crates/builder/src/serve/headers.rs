//! The site's `_headers` file read as Netlify and Cloudflare Pages read it, so the preview
//! sends the production headers (the Content-Security-Policy among them).

use std::fs;
use std::path::Path;

/// Netlify's `_headers`: a path pattern line (`*` matches anything), then indented
/// `Name: value` lines; every matching rule's headers apply.
#[derive(Debug, Default)]
pub(crate) struct HeaderRules(Vec<(String, Vec<(String, String)>)>);

impl HeaderRules {
    pub(crate) fn read(file: &Path) -> Self {
        Self::parse(&fs::read_to_string(file).unwrap_or_default())
    }

    pub(crate) fn parse(text: &str) -> Self {
        let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if line.starts_with(char::is_whitespace) {
                if let (Some(rule), Some((name, value))) = (rules.last_mut(), line.split_once(':')) {
                    rule.1.push((name.trim().to_owned(), value.trim().to_owned()));
                }
            } else {
                rules.push((line.trim().to_owned(), Vec::new()));
            }
        }
        HeaderRules(rules)
    }

    pub(crate) fn for_path(&self, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (pattern, headers) in &self.0 {
            if glob(pattern, path) {
                for (name, value) in headers {
                    match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                        Some(existing) if !name.eq_ignore_ascii_case("content-type") => {
                            existing.1 = format!("{}, {value}", existing.1);
                        }
                        Some(existing) => existing.1 = value.clone(),
                        None => out.push((name.clone(), value.clone())),
                    }
                }
            }
        }
        out
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else { return false };
    let Some(mut rest) = text.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rules_match_as_netlify_matches() {
        let rules = HeaderRules::parse(
            "# comment\n/*\n  Content-Security-Policy: default-src 'self'\n/a-0123456789abcdef.js\n  Cache-Control: immutable\n/content/*\n  Cache-Control: no-cache\n",
        );
        assert_eq!(rules.for_path("/x").len(), 1);
        let js = rules.for_path("/a-0123456789abcdef.js");
        assert!(js.contains(&("Cache-Control".into(), "immutable".into())));
        assert!(rules.for_path("/content/site.json").contains(&("Cache-Control".into(), "no-cache".into())));
        assert!(glob("/news/*", "/news/") && glob("/*", "/") && !glob("/content/*", "/contents"));
        assert!(glob("/a*b*c", "/aXbYc") && !glob("/a*b*c", "/aXc"));
    }
}
