//! Embeds: videos and posts from other sites, recognised from their addresses. A reader's
//! page requests nothing from the provider until the reader asks for it (the app shows a
//! card with the provider named and a plain link; the builder allows exactly the
//! providers used in the policy's `frame-src`).

use crate::contract::Embed;
use crate::url::host_of;

/// The embed for a page address on a provider Masthead knows: YouTube, Vimeo, X,
/// Mastodon (any server) and Bluesky. `None` for anything else.
pub fn recognise(url: &str) -> Option<Embed> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\')) {
        return None;
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").or_else(|| host.strip_prefix("m.")).unwrap_or(&host).to_owned();
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let id_ok = |id: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let digits = |id: &str| !id.is_empty() && id.len() <= 25 && id.chars().all(|c| c.is_ascii_digit());
    let embed = |provider: &str, name: &str, src: Option<String>, title: &str, page: String| Embed {
        provider: provider.to_owned(),
        provider_name: name.to_owned(),
        url: page,
        src,
        title: title.to_owned(),
        width: None,
        height: None,
    };
    match (host.as_str(), segments.as_slice()) {
        ("youtube.com", ["watch"]) => {
            let id = query.split('&').find_map(|p| p.strip_prefix("v="))?;
            id_ok(id, 6..=20).then(|| youtube(id))
        }
        ("youtube.com", ["embed" | "shorts" | "live", id]) | ("youtu.be", [id]) => {
            id_ok(id, 6..=20).then(|| youtube(id))
        }
        ("youtube-nocookie.com", ["embed", id]) => id_ok(id, 6..=20).then(|| youtube(id)),
        ("vimeo.com", [id]) | ("player.vimeo.com", ["video", id]) if digits(id) => Some(Embed {
            width: Some(16),
            height: Some(9),
            ..embed(
                "vimeo",
                "Vimeo",
                Some(format!("https://player.vimeo.com/video/{id}?dnt=1")),
                "Video on Vimeo",
                format!("https://vimeo.com/{id}"),
            )
        }),
        ("x.com" | "twitter.com", [user, "status", id]) if digits(id) && id_ok(user, 1..=30) => Some(embed(
            "x",
            "X",
            Some(format!("https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true")),
            "Post on X",
            format!("https://x.com/{user}/status/{id}"),
        )),
        ("bsky.app", ["profile", who, "post", rkey]) if id_ok(rkey, 1..=20) => {
            // The embed frame needs the account's DID; with a handle, a card and a link.
            let src = who
                .strip_prefix("did:plc:")
                .filter(|d| id_ok(d, 1..=40))
                .map(|_| format!("https://embed.bsky.app/embed/{who}/app.bsky.feed.post/{rkey}"));
            Some(embed(
                "bluesky",
                "Bluesky",
                src,
                "Post on Bluesky",
                format!("https://bsky.app/profile/{who}/post/{rkey}"),
            ))
        }
        (_, [user, id]) if user.starts_with('@') && user.len() > 1 && digits(id) && host.contains('.') => {
            // A Mastodon status: https://<server>/@<user>/<id>.
            let user = user.get(1..).unwrap_or_default();
            id_ok(user, 1..=30).then(|| {
                let page = format!("https://{host}/@{user}/{id}");
                embed(
                    "mastodon",
                    &format!("Mastodon ({host})"),
                    Some(format!("{page}/embed")),
                    "Post on Mastodon",
                    page,
                )
            })
        }
        _ => None,
    }
}

/// A YouTube video, through YouTube's privacy-enhanced (no cookies until play) domain.
fn youtube(id: &str) -> Embed {
    Embed {
        provider: "youtube".into(),
        provider_name: "YouTube".into(),
        url: format!("https://www.youtube.com/watch?v={id}"),
        src: Some(format!("https://www.youtube-nocookie.com/embed/{id}")),
        title: "Video on YouTube".into(),
        width: Some(16),
        height: Some(9),
    }
}

/// A generic frame from a host the site allows (`[embeds] hosts` in site.toml, each an
/// `https://host` origin): `None` when the address is not https or its origin is not listed.
pub fn allowed_frame(src: &str, hosts: &[String]) -> Option<Embed> {
    let origin = frame_origin(src)?;
    if !hosts.iter().any(|h| h.trim_end_matches('/').eq_ignore_ascii_case(&origin)) {
        return None;
    }
    let host = host_of(src)?.to_owned();
    Some(Embed {
        provider: "iframe".into(),
        provider_name: host.clone(),
        url: src.to_owned(),
        src: Some(src.to_owned()),
        title: format!("Content from {host}"),
        width: None,
        height: None,
    })
}

/// The origin a frame address loads from, for `frame-src`: `https://host[:port]`. `None`
/// for anything that is not an https address safe to write into a policy.
pub fn frame_origin(src: &str) -> Option<String> {
    let authority = crate::url::origin(src)?.strip_prefix("https://")?;
    let ok = !authority.is_empty()
        && authority.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && !authority.starts_with(['.', '-', ':']);
    ok.then(|| format!("https://{}", authority.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_providers_are_recognised_from_their_page_addresses() {
        let yt = recognise("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42").unwrap();
        assert_eq!(yt.provider, "youtube");
        assert_eq!(yt.src.as_deref(), Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
        assert_eq!(recognise("https://youtu.be/dQw4w9WgXcQ").unwrap().src, yt.src);
        assert_eq!(recognise("https://youtube.com/shorts/dQw4w9WgXcQ").unwrap().src, yt.src);
        let vimeo = recognise("https://vimeo.com/76979871").unwrap();
        assert_eq!(vimeo.src.as_deref(), Some("https://player.vimeo.com/video/76979871?dnt=1"));
        let x = recognise("https://twitter.com/jack/status/20").unwrap();
        assert_eq!((x.provider.as_str(), x.url.as_str()), ("x", "https://x.com/jack/status/20"));
        let toot = recognise("https://mastodon.social/@Gargron/1").unwrap();
        assert_eq!(toot.src.as_deref(), Some("https://mastodon.social/@Gargron/1/embed"));
        let bsky = recognise("https://bsky.app/profile/jay.bsky.team/post/3k44dwj7w3p2v").unwrap();
        assert_eq!((bsky.provider.as_str(), bsky.src), ("bluesky", None), "a handle gives a card and a link");
        let did = recognise("https://bsky.app/profile/did:plc:oky5czdrnfjpqslsw2a5iclo/post/3k44dwj7w3p2v").unwrap();
        assert!(did.src.unwrap().starts_with("https://embed.bsky.app/embed/did:plc:"));
        for other in [
            "https://example.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=<script>",
            "javascript:alert(1)",
            "https://vimeo.com/about",
            "https://x.com/jack",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ\" onload=\"x",
        ] {
            assert_eq!(recognise(other), None, "{other}");
        }
    }

    #[test]
    fn frames_come_only_from_listed_https_hosts() {
        let hosts = vec!["https://datawrapper.dwcdn.net".to_owned()];
        let chart = allowed_frame("https://datawrapper.dwcdn.net/abc12/3/", &hosts).unwrap();
        assert_eq!((chart.provider.as_str(), chart.provider_name.as_str()), ("iframe", "datawrapper.dwcdn.net"));
        assert_eq!(allowed_frame("https://evil.example/x", &hosts), None);
        assert_eq!(allowed_frame("http://datawrapper.dwcdn.net/abc12/", &hosts), None);
        assert_eq!(frame_origin("https://Player.Vimeo.com/video/1"), Some("https://player.vimeo.com".into()));
        assert_eq!(frame_origin("https://a.example;script-src"), None);
        assert_eq!(frame_origin("https:// evil"), None);
    }
}
