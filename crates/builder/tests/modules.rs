//! The builder's modules import one way: no module reaches, through the modules it
//! names, back to itself. Read from the sources as text (`cargo test --test modules`):
//! every `crate::…`, `super::…` and, in a `mod.rs`, `pub use child::…` path outside the
//! tests is an arrow to the deepest module file it names. A `mod.rs` that others name
//! for its re-exports must then not be named by its own children: what they share lives
//! in a module of its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`content::body::markdown`) → its file, for every file under `src`.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !(dir == src && path.ends_with("main.rs") && src.join("lib.rs").exists())
            {
                let rel = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if parts.last().is_some_and(|l| l == "mod" || l == "lib" || l == "main") {
                    parts.pop();
                }
                found.insert(parts.join("::"), path);
            }
        }
    }
    found
}

/// The paths a source names, each as its segments, with `self`/`super`/`crate` resolved
/// against `module`. Stops at the first `#[cfg(test)]`.
fn named_paths(text: &str, module: &str, is_mod_file: bool) -> Vec<Vec<String>> {
    let here: Vec<String> = module.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
    // The modules a `mod.rs` (or `lib.rs`) declares.
    let children: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix("pub ").or_else(|| l.strip_prefix("pub(crate) ")).unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_owned)
        })
        .collect();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some((at, base, len)) = next_root(rest) {
            let after = &rest[at + len..];
            let mut prefix: Vec<String> = match base {
                "crate" => Vec::new(),
                "super" => here[..here.len().saturating_sub(1)].to_vec(),
                _ => here.clone(),
            };
            let mut segments = after;
            // `super::super::…`
            while let Some(more) = segments.strip_prefix("super::") {
                prefix.pop();
                segments = more;
            }
            let (path, group) = read_path(segments);
            if group.is_empty() {
                out.push([prefix.clone(), path.clone()].concat());
            }
            for item in group {
                out.push([prefix.clone(), path.clone(), item].concat());
            }
            rest = after;
        }
        if is_mod_file {
            // A child module named by its own name (`wordpress::import(…)`).
            for child in &children {
                let mut from = 0;
                while let Some(at) = line[from..].find(&format!("{child}::")).map(|i| i + from) {
                    let before = line[..at].chars().last();
                    if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        out.push([here.clone(), vec![child.clone()]].concat());
                    }
                    from = at + child.len() + 2;
                }
            }
            if let Some(child) = line.strip_prefix("pub use ").or_else(|| line.strip_prefix("pub(crate) use ")) {
                let (path, _) = read_path(child);
                if path.first().is_some_and(|p| p != "crate" && p != "super" && p != "self") {
                    out.push([here.clone(), path].concat());
                }
            }
        }
    }
    out
}

/// Where the next `crate::`, `super::` or `self::` starts (not inside a longer name).
fn next_root(text: &str) -> Option<(usize, &'static str, usize)> {
    ["crate::", "super::", "self::"]
        .into_iter()
        .filter_map(|root: &'static str| {
            let mut from = 0;
            while let Some(at) = text[from..].find(root).map(|i| i + from) {
                let before = text[..at].chars().last();
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    return Some((at, root.trim_end_matches("::"), root.len()));
                }
                from = at + root.len();
            }
            None
        })
        .min_by_key(|(at, _, _)| *at)
}

/// A path's segments (`a::b::c`), and the first segment of each item of a `{…}` group
/// at its end.
fn read_path(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            break;
        }
        rest = &rest[name.len()..];
        segments.push(name);
        match rest.strip_prefix("::") {
            Some(more) => rest = more,
            None => break,
        }
    }
    let mut group = Vec::new();
    if let Some(inner) = rest.strip_prefix('{') {
        let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
        for item in inner.split(',') {
            let (path, _) = read_path(item.trim());
            if !path.is_empty() && path[0] != "self" {
                group.push(path);
            }
        }
    }
    (segments, group)
}

/// The arrows between the modules of the crate whose sources are in `src`.
fn arrows(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(src);
    let mut arrows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        let is_mod_file = file.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs");
        for path in named_paths(&text, module, is_mod_file) {
            // The deepest module the path names.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains_key(m))
                .unwrap_or_default();
            if &target != module && !target.is_empty() {
                arrows.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    arrows
}

/// Every set of modules that import each other in a circle (Tarjan's strongly connected
/// components of more than one module).
fn circles(arrows: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        arrows: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, (usize, usize)>,
        stack: Vec<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, node: &'a str) {
        w.index.insert(node, (w.next, w.next));
        w.next += 1;
        w.stack.push(node);
        for to in w.arrows.get(node).into_iter().flatten() {
            if !w.index.contains_key(to.as_str()) {
                visit(w, to);
                let low = w.index[to.as_str()].1.min(w.index[node].1);
                w.index.get_mut(node).unwrap().1 = low;
            } else if w.stack.contains(&to.as_str()) {
                let low = w.index[to.as_str()].0.min(w.index[node].1);
                w.index.get_mut(node).unwrap().1 = low;
            }
        }
        if w.index[node].0 == w.index[node].1 {
            let mut circle = Vec::new();
            while let Some(top) = w.stack.pop() {
                circle.push(top.to_owned());
                if top == node {
                    break;
                }
            }
            if circle.len() > 1 {
                circle.sort();
                w.found.push(circle);
            }
        }
    }
    let mut walk = Walk { arrows, index: BTreeMap::new(), stack: Vec::new(), next: 0, found: Vec::new() };
    for node in arrows.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.found
}

fn described(arrows: &BTreeMap<String, BTreeSet<String>>, circles: &[Vec<String>]) -> String {
    circles
        .iter()
        .map(|circle| {
            let inside: Vec<String> = circle
                .iter()
                .flat_map(|from| {
                    arrows[from].iter().filter(|to| circle.contains(to)).map(move |to| format!("  {from} -> {to}"))
                })
                .collect();
            format!("circle of {} modules:\n{}", circle.len(), inside.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules under `src` (relative to this crate) import one way.
fn assert_one_way(src: &str) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(src);
    let arrows = arrows(&src);
    assert!(arrows.len() > 20, "the modules of {} were not read: {arrows:?}", src.display());
    let circles = circles(&arrows);
    assert!(circles.is_empty(), "{}", described(&arrows, &circles));
}

#[test]
fn no_module_of_the_builder_imports_itself_in_a_circle() {
    assert_one_way("src");
}

/// The app's library (its `main.rs` is a crate of its own, which only the library serves).
/// Pages and components use the shared state, the data sources and the web seam; none
/// of those uses a page or a component.
#[test]
fn no_module_of_the_app_imports_itself_in_a_circle() {
    assert_one_way("../../src");
}

#[test]
fn the_check_finds_a_circle_through_a_parent_module() {
    let dir = std::env::temp_dir().join(format!("masthead-modules-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("lib.rs"), "pub mod a;\npub mod b;\n").unwrap();
    std::fs::write(dir.join("a/mod.rs"), "mod c;\nmod d;\npub use c::Thing;\npub struct Shared;\nfn f() { d::g() }\n")
        .unwrap();
    std::fs::write(dir.join("a/d.rs"), "pub fn g() {}\n").unwrap();
    std::fs::write(dir.join("a/c.rs"), "use super::Shared;\npub struct Thing;\n").unwrap();
    std::fs::write(dir.join("b.rs"), "use crate::a::{c::Thing, Shared};\n").unwrap();
    let arrows = arrows(&dir);
    let circles = circles(&arrows);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(circles, vec![vec!["a".to_owned(), "a::c".to_owned()]], "{arrows:?}");
    assert!(arrows["b"].contains("a::c") && arrows["b"].contains("a"), "{arrows:?}");
    assert!(arrows["a"].contains("a::d"), "a parent's call into its child is an arrow: {arrows:?}");
}
