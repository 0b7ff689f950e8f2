//! Hugo's shortcodes and Jekyll's Liquid tags the build has an answer for (`figure`,
//! `youtube`, `vimeo`, `tweet`, `highlight`, `ref`; `{% highlight %}`, `{% post_url %}`,
//! `{% oembed %}`, `{{ site.* }}`): mapped, and any other named in the report.

use std::collections::HashMap;

use serde_json::Value;

use super::addresses::ref_key;
use super::config::field;
use crate::import::Report;
use crate::site::html::escape;

/// The value of `key="…"` (or the first bare argument when `key` is empty) in a
/// shortcode's or tag's arguments.
pub(super) fn argument(args: &str, key: &str) -> Option<String> {
    if key.is_empty() {
        let first = args.split_whitespace().next()?;
        return (!first.contains('=')).then(|| first.trim_matches('"').to_owned());
    }
    let at = args.find(&format!("{key}="))? + key.len() + 1;
    let rest = &args[at..];
    match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next().map(str::to_owned),
        _ => rest.split_whitespace().next().map(str::to_owned),
    }
}

/// Hugo's shortcodes (`{{< name args >}}` and `{{% name args %}}`) the build has an answer for.
pub(super) fn hugo_shortcodes(text: &str, addresses: &HashMap<String, String>, report: &mut Report) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [rest.find("{{<"), rest.find("{{%")].into_iter().flatten().min();
        let Some(at) = next else { break };
        out.push_str(&rest[..at]);
        let close = if rest[at..].starts_with("{{<") { ">}}" } else { "%}}" };
        let Some(end) = rest[at..].find(close).map(|e| at + e + 3) else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let inner = rest[at + 3..end - 3].trim();
        rest = &rest[end..];
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let name = name.trim_start_matches('/');
        match name {
            // A link to another page of the site, by its path in content/: its new address.
            "ref" | "relref" => {
                let target = argument(args, "").or_else(|| argument(args, "path")).unwrap_or_default();
                let (path, anchor) = target.split_once('#').map_or((target.as_str(), ""), |(p, a)| (p, a));
                let key = ref_key(path);
                let name_only = key.rsplit('/').next().unwrap_or_default().to_owned();
                match addresses.get(&key).or_else(|| addresses.get(&name_only)) {
                    Some(address) => {
                        out.push_str(address);
                        if !anchor.is_empty() {
                            out.push('#');
                            out.push_str(anchor);
                        }
                        report.construct(format!("{{{{< {name} >}}}} (the page's new address)"));
                    }
                    None if path.is_empty() && !anchor.is_empty() => {
                        out.push('#');
                        out.push_str(anchor);
                        report.construct(format!("{{{{< {name} >}}}} (an anchor on the same page)"));
                    }
                    None => report.construct(format!("{{{{< {name} >}}}} to a page that is not in the site (dropped)")),
                }
            }
            "figure" => {
                let src = argument(args, "src").unwrap_or_default();
                let alt = argument(args, "alt").or_else(|| argument(args, "title")).unwrap_or_default();
                let caption = argument(args, "caption")
                    .or_else(|| argument(args, "title"))
                    .map(|c| format!("<figcaption>{}</figcaption>", escape(&c)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "\n\n<figure><img src=\"{}\" alt=\"{}\">{caption}</figure>\n\n",
                    escape(&src),
                    escape(&alt)
                ));
                report.construct("{{< figure >}} (a figure)");
            }
            "youtube" | "vimeo" => {
                let id = argument(args, "id").or_else(|| argument(args, "")).unwrap_or_default();
                let url = if name == "youtube" {
                    format!("https://www.youtube.com/watch?v={id}")
                } else {
                    format!("https://vimeo.com/{id}")
                };
                out.push_str(&format!("\n\n{url}\n\n"));
                report.construct(format!("{{{{< {name} >}}}} (an embed)"));
            }
            "tweet" | "x" => {
                let user = argument(args, "user").unwrap_or_else(|| "x".into());
                let id = argument(args, "id").or_else(|| argument(args, "")).unwrap_or_default();
                out.push_str(&format!("\n\nhttps://x.com/{user}/status/{id}\n\n"));
                report.construct("{{< tweet >}} (an embed)");
            }
            "highlight" if !inner.starts_with('/') => {
                let language = argument(args, "").unwrap_or_default();
                let close_tag = rest.find("{{< /highlight >}}").or_else(|| rest.find("{{</highlight>}}"));
                let (code, after) = match close_tag {
                    Some(c) => (&rest[..c], &rest[c..].split_once("}}").map_or("", |(_, a)| a)),
                    None => (rest, &""),
                };
                out.push_str(&format!("\n```{language}\n{}\n```\n", code.trim_matches('\n')));
                rest = after;
                report.construct("{{< highlight >}} (a code block)");
            }
            other => {
                if !inner.starts_with('/') {
                    report.construct(format!("{{{{< {other} >}}}} shortcode (not carried)"));
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// Jekyll's Liquid tags the build has an answer for; `{{ … }}` output is dropped.
pub(super) fn liquid(
    text: &str,
    posts: &HashMap<String, (String, String)>,
    cfg: &Value,
    report: &mut Report,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [rest.find("{%"), rest.find("{{")].into_iter().flatten().min();
        let Some(at) = next else { break };
        out.push_str(&rest[..at]);
        let tag = rest[at..].starts_with("{%");
        let close = if tag { "%}" } else { "}}" };
        let Some(end) = rest[at..].find(close).map(|e| at + e + 2) else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let inner = rest[at + 2..end - 2].trim().trim_matches('-').trim();
        rest = &rest[end..];
        if !tag {
            // `{{ site.repository }}`: the value _config.yml gives it (a filter after `|` is
            // not applied).
            let variable = inner.split('|').next().unwrap_or_default().trim();
            let configured =
                variable.strip_prefix("site.").filter(|name| !matches!(*name, "baseurl" | "url")).and_then(|name| {
                    let path: Vec<&str> = name.split('.').collect();
                    field(cfg, &path)
                });
            if inner.starts_with("site.baseurl") || inner.starts_with("site.url") {
                report.construct("{{ site.baseurl }} (dropped: the build's links are site paths)");
            } else if let Some(value) = configured {
                out.push_str(value);
                report.construct("{{ site.… }} (the value in _config.yml)");
            } else {
                report.construct(format!(
                    "Liquid output {{{{ {} }}}} (not carried)",
                    inner.split_whitespace().next().unwrap_or_default()
                ));
            }
            continue;
        }
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        match name {
            "highlight" => {
                let language = args.split_whitespace().next().unwrap_or_default();
                let (code, after) = match rest.find("{% endhighlight %}") {
                    Some(c) => (&rest[..c], &rest[c + "{% endhighlight %}".len()..]),
                    None => (rest, ""),
                };
                out.push_str(&format!("\n```{language}\n{}\n```\n", code.trim_matches('\n')));
                rest = after;
                report.construct("{% highlight %} (a code block)");
            }
            "raw" | "endraw" => {}
            // jekyll-oembed and its kin: the address alone on a line, which the build makes
            // an embed where it knows the site.
            "oembed" | "embed" | "youtube" | "vimeo" | "video" => {
                let address = args.split_whitespace().next().unwrap_or_default().trim_matches(['"', '\'']);
                let url = if address.starts_with("http") {
                    address.to_owned()
                } else if name == "youtube" && !address.is_empty() {
                    format!("https://www.youtube.com/watch?v={address}")
                } else if name == "vimeo" && !address.is_empty() {
                    format!("https://vimeo.com/{address}")
                } else {
                    String::new()
                };
                if url.is_empty() {
                    report.construct(format!("{{% {name} %}} without an address (not carried)"));
                } else {
                    out.push_str(&format!("\n\n{url}\n\n"));
                    report.construct(format!("{{% {name} %}} (its address, an embed where the build knows the site)"));
                }
            }
            "post_url" => match posts.get(args.trim()) {
                Some((date, slug)) => {
                    out.push_str(&format!(
                        "/{}/{}/{slug}",
                        date.get(..4).unwrap_or_default(),
                        date.get(5..7).unwrap_or_default()
                    ));
                    report.construct("{% post_url %} (the post's new address)");
                }
                None => report
                    .construct(format!("{{% post_url {} %}} to a post that is not in the site (dropped)", args.trim())),
            },
            other => report.construct(format!("{{% {other} %}} Liquid tag (not carried)")),
        }
    }
    out.push_str(rest);
    out
}

/// The words of a line of Markdown, without its marks.
pub(super) fn markdown_words(text: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(text) {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(&t);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_and_liquid_tags_are_mapped_or_named() {
        let mut report = Report::default();
        let mut addresses = HashMap::new();
        addresses.insert("posts/other".to_owned(), "/2024/05/other".to_owned());
        addresses.insert("other".to_owned(), "/2024/05/other".to_owned());
        let hugo = hugo_shortcodes(
            "A\n\n{{< figure src=\"/a.png\" alt=\"An A\" caption=\"Cap\" >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n\n\
             {{< tweet user=\"jack\" id=\"20\" >}}\n\n{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n\n{{% notice %}}Hi{{% /notice %}}\n\n\
             [one]({{< ref \"/posts/other.md\" >}}), [two]({{< relref \"other#part\" >}}), [three]({{< ref \"#here\" >}}), [four]({{< ref \"gone\" >}})",
            &addresses,
            &mut report,
        );
        assert!(hugo.contains("[one](/2024/05/other), [two](/2024/05/other#part), [three](#here), [four]()"), "{hugo}");
        assert_eq!(report.constructs.get("{{< ref >}} to a page that is not in the site (dropped)"), Some(&1));
        assert!(
            hugo.contains("<figure><img src=\"/a.png\" alt=\"An A\"><figcaption>Cap</figcaption></figure>"),
            "{hugo}"
        );
        assert!(hugo.contains("\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"), "{hugo}");
        assert!(hugo.contains("\n\nhttps://x.com/jack/status/20\n\n"), "{hugo}");
        assert!(hugo.contains("```go\nfmt.Println(1)\n```"), "{hugo}");
        assert!(hugo.contains("Hi") && !hugo.contains("notice"), "{hugo}");
        assert_eq!(report.constructs.get("{{< notice >}} shortcode (not carried)"), Some(&1));
        let mut posts = HashMap::new();
        posts.insert("2024-05-01-hello".to_owned(), ("2024-05-01T00:00:00Z".to_owned(), "hello".to_owned()));
        let cfg = serde_json::json!({ "repository": "https://github.com/jekyll/jekyll", "author": { "name": "Jay" } });
        let jekyll = liquid(
            "See [this]({% post_url 2024-05-01-hello %}) and {{ site.baseurl }}/x.\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% include note.html %}\n\n\
             [let us know]({{ site.repository }}/issues) by {{ site.author.name }}; {{ site.missing }}.\n\n\
             {% oembed https://www.youtube.com/watch?v=dQw4w9WgXcQ %}",
            &posts,
            &cfg,
            &mut report,
        );
        assert!(jekyll.contains("[this](/2024/05/hello) and /x."), "{jekyll}");
        assert!(jekyll.contains("```ruby\nputs 1\n```") && !jekyll.contains("include"), "{jekyll}");
        assert_eq!(report.constructs.get("{% include %} Liquid tag (not carried)"), Some(&1));
        assert!(jekyll.contains("[let us know](https://github.com/jekyll/jekyll/issues) by Jay; ."), "{jekyll}");
        assert_eq!(report.constructs.get("Liquid output {{ site.missing }} (not carried)"), Some(&1));
        assert!(jekyll.contains("\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"), "{jekyll}");
        assert_eq!(markdown_words("[Jane Doe](https://example.org/jane)"), "Jane Doe");
        assert_eq!(markdown_words("**Joe** _Bloggs_"), "Joe Bloggs");
    }
}
