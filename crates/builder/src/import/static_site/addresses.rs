//! Addresses: each post's old one from the permalink settings, pages named by `{{< ref >}}`,
//! addresses relative to an old page made site paths, and the site's own `/content/` files
//! moved out of the build's `/content/` folder.

use masthead_model::text::slugify;

use crate::import::outside_code;

/// The old address of a post from a permalink pattern (`/:year/:month/:title/`).
pub(super) fn permalink(
    pattern: &str,
    date: &str,
    slug: &str,
    section: &str,
    categories: &[String],
    html_ext: bool,
) -> String {
    let mut out = pattern.to_owned();
    let cats = categories.iter().map(|c| slugify(c)).collect::<Vec<_>>().join("/");
    for (token, value) in [
        (":year", date.get(..4).unwrap_or_default().to_owned()),
        (":month", date.get(5..7).unwrap_or_default().to_owned()),
        (":day", date.get(8..10).unwrap_or_default().to_owned()),
        (":slug", slug.to_owned()),
        (":title", slug.to_owned()),
        (":filename", slug.to_owned()),
        (":contentbasename", slug.to_owned()),
        (":sections", section.to_owned()),
        (":section", section.to_owned()),
        (":categories", cats),
        (":output_ext", if html_ext { ".html".to_owned() } else { String::new() }),
    ] {
        out = out.replace(token, &value);
    }
    let mut path = String::new();
    for part in out.split('/').filter(|p| !p.is_empty()) {
        path.push('/');
        path.push_str(part);
    }
    path
}

/// A page's path in content/ as `{{< ref >}}` names it, in one form: no leading `/`, no
/// `.md`, no `/index` or `/_index` (`/posts/x/index.md` and `posts/x` are `posts/x`).
pub(super) fn ref_key(path: &str) -> String {
    let p = path.trim().trim_matches('/');
    let p = p.strip_suffix(".md").or_else(|| p.strip_suffix(".markdown")).unwrap_or(p);
    let p = p.strip_suffix("/index").or_else(|| p.strip_suffix("/_index")).unwrap_or(p);
    p.to_owned()
}

/// A site path of the old site's own files as the new site serves them: `/content/` is the
/// build's own folder, so `/content/images/…` (Ghost's pictures, in sites that came from
/// it) is `/images/…` and any other `/content/…` is `/content-files/…`.
pub(super) fn own_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("/content/images/") {
        format!("/images/{rest}")
    } else if let Some(rest) = path.strip_prefix("/content/") {
        format!("/content-files/{rest}")
    } else {
        path.to_owned()
    }
}

/// [`own_path`] for every address in a body (Markdown targets, HTML attributes), code
/// left as it is.
pub(super) fn own_paths(text: &str) -> String {
    outside_code(text, true, |prose| {
        let mut changed = prose.to_owned();
        for open in ["(", "\"", "'", "<"] {
            changed = changed.replace(&format!("{open}/content/images/"), &format!("{open}/images/"));
            changed = changed.replace(&format!("{open}/content/"), &format!("{open}/content-files/"));
        }
        changed
    })
}

/// Whether an address is relative to the page it is on (no scheme, not a site path, not a
/// fragment or a template's placeholder).
pub(super) fn is_relative(address: &str) -> bool {
    let a = address.trim();
    !a.is_empty()
        && !a.starts_with(['/', '#', '?', '{', '<', '%'])
        && !a.split('/').next().unwrap_or_default().contains(':')
}

/// `target` resolved against the folder `base` (`/posts/x/`), as a site path.
pub(super) fn resolve(base: &str, target: &str) -> String {
    let (path, rest) = match target.find(['#', '?']) {
        Some(at) => target.split_at(at),
        None => (target, ""),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && out.len() > 1 {
        out.push('/');
    }
    out.push_str(rest);
    out
}

/// Every relative address in Markdown links and images (`](photo.jpeg)`) and in HTML
/// `src` and `href` attributes, resolved against `base`. Returns the text and how many
/// were resolved. Code is left as it is.
pub(super) fn relative_addresses(text: &str, base: &str) -> (String, usize) {
    let mut count = 0;
    let out = outside_code(text, true, |prose| {
        let mut out = String::with_capacity(prose.len());
        let mut rest = prose;
        loop {
            let next = ["](", "src=\"", "href=\""]
                .iter()
                .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
                .min_by_key(|(at, _)| *at);
            let Some((at, len)) = next else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..at + len]);
            rest = &rest[at + len..];
            let end = rest.find(|c: char| c == ')' || c == '"' || c.is_whitespace()).unwrap_or(rest.len());
            let target = &rest[..end];
            let (open, inner) = match target.strip_prefix('<') {
                Some(inner) => ("<", inner.trim_end_matches('>')),
                None => ("", target),
            };
            if is_relative(inner) && !inner.starts_with('`') {
                out.push_str(open);
                out.push_str(&resolve(base, inner));
                if !open.is_empty() {
                    out.push('>');
                }
                count += 1;
            } else {
                out.push_str(target);
            }
            rest = &rest[end..];
        }
        out
    });
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks_make_old_addresses() {
        assert_eq!(
            permalink(
                "/:categories/:year/:month/:day/:title:output_ext",
                "2024-05-01T00:00:00Z",
                "hi",
                "",
                &["Tech News".into()],
                true
            ),
            "/tech-news/2024/05/01/hi.html"
        );
        assert_eq!(permalink("/:year/:month/:slug/", "2024-05-01T00:00:00Z", "hi", "posts", &[], false), "/2024/05/hi");
        assert_eq!(permalink("/:section/:slug/", "", "hi", "posts", &[], false), "/posts/hi");
    }
}
