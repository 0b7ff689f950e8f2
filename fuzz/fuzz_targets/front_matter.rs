//! A whole post file (TOML front matter and Markdown body) read against the sample site's
//! settings: a post or an error naming the file, never a panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use masthead_model::Site;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        masthead_model::decode("site.json", include_str!("../../docs/contract/site.json")).expect("the example site")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = Path::new("posts/fuzz.md");
    match masthead_builder::content::parse_post(file, text, site()) {
        Ok(post) => assert!(masthead_model::url::is_valid_slug(&post.summary.slug)),
        Err(e) => assert_eq!(e.file, file),
    }
});
