//! Raw HTML in a Markdown body, handled as a careful editor would: cleaned by a
//! sanitizer (ammonia), parsed by an HTML5 parser (html5ever, through scraper) and mapped
//! onto the contract's blocks and inlines. Nothing of the HTML itself reaches a page, the
//! JSON or a feed: only the typed blocks made from it. Every element that is not carried
//! is named, so the editor is told.

use std::collections::{HashMap, HashSet};

use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Align, Block, Definition, Image, Inline};
use scraper::{ElementRef, Html, Node};

use super::blocks::{self, trim_runs};
use super::highlight::highlight;

/// The elements mapped onto blocks and inlines.
const CARRIED: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "pre",
    "code",
    "figure",
    "figcaption",
    "img",
    "hr",
    "br",
    "a",
    "em",
    "i",
    "strong",
    "b",
    "s",
    "del",
    "strike",
    "sup",
    "sub",
    "kbd",
    "cite",
    "dl",
    "dt",
    "dd",
];

/// Elements whose text is kept while the element itself is not (a wrapper, or a mark
/// with no meaning in the contract); they are reported too.
const UNWRAPPED: &[&str] = &[
    "div", "span", "section", "article", "aside", "header", "footer", "main", "small", "u", "mark", "ins", "abbr",
    "time", "dfn", "q", "var", "samp", "big", "center", "font", "details", "summary", "label",
];

/// Elements removed with everything in them.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "textarea", "select", "noscript", "svg", "math",
    "canvas", "audio", "video", "form", "button", "input", "frame", "frameset", "applet", "link", "meta", "base",
    "title", "head",
];

/// Classes that place a figure (Masthead's, WordPress's and Ghost's names); see
/// [`masthead_model::Layout::from_name`].
const LAYOUT_CLASSES: &[&str] = &[
    "wide",
    "full",
    "left",
    "right",
    "alignwide",
    "alignfull",
    "alignleft",
    "alignright",
    "kg-width-wide",
    "kg-width-full",
    "float-left",
    "float-right",
];

/// Classes that make a figure a gallery even with one picture left in it.
const GALLERY_CLASSES: &[&str] = &["gallery", "wp-block-gallery", "kg-gallery-card"];

/// Classes of a pull quote: Masthead's, WordPress's block, Ghost's alternative quote.
const PULL_QUOTE_CLASSES: &[&str] = &["pullquote", "pull-quote", "wp-block-pullquote", "kg-blockquote-alt"];

fn has_class(e: ElementRef<'_>, classes: &[&str]) -> bool {
    e.value().attr("class").is_some_and(|c| c.split_whitespace().any(|c| classes.contains(&c)))
}

fn layout_of(e: ElementRef<'_>) -> Option<masthead_model::Layout> {
    e.value().attr("class")?.split_whitespace().find_map(masthead_model::Layout::from_name)
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    let tags: HashSet<&str> = CARRIED.iter().chain(UNWRAPPED).copied().collect();
    let attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href"].as_slice()),
        ("img", ["src", "alt", "width", "height", "title"].as_slice()),
        ("th", ["align"].as_slice()),
        ("td", ["align"].as_slice()),
        ("code", ["class"].as_slice()),
    ]
    .into_iter()
    .map(|(tag, attrs)| (tag, attrs.iter().copied().collect()))
    .collect();
    builder
        .tags(tags)
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .allowed_classes(
            [
                ("figure", [LAYOUT_CLASSES, GALLERY_CLASSES, PULL_QUOTE_CLASSES].concat()),
                ("img", LAYOUT_CLASSES.to_vec()),
                ("blockquote", PULL_QUOTE_CLASSES.to_vec()),
            ]
            .into_iter()
            .map(|(tag, classes)| (tag, classes.into_iter().collect()))
            .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true);
    builder
}

/// What was not carried, in words for the editor: one entry per occurrence.
pub type Dropped = Vec<String>;

/// What a piece of raw HTML came to: its blocks, and what was not carried, in words for
/// the editor (once per occurrence).
#[derive(Debug, Default)]
pub struct Mapped {
    pub blocks: Vec<Block>,
    pub dropped: Dropped,
}

/// The elements of the raw HTML that are not carried as they are.
fn not_carried(parsed: &Html, dropped: &mut Dropped) {
    for node in parsed.root_element().descendants() {
        let Some(element) = ElementRef::wrap(node) else { continue };
        let name = element.value().name();
        if name == "html" || CARRIED.contains(&name) {
            continue;
        }
        if UNWRAPPED.contains(&name) {
            dropped.push(format!("<{name}> (its text is kept)"));
        } else {
            dropped.push(format!("<{name}> and what is in it"));
        }
    }
    // Attributes that carry behaviour or style are never kept.
    for element in parsed.root_element().descendants().filter_map(ElementRef::wrap) {
        for (attr, _) in element.value().attrs() {
            if attr.starts_with("on") || attr == "style" {
                dropped.push(format!("the {attr} attribute of <{}>", element.value().name()));
            }
        }
    }
}

/// A block of raw HTML as blocks. An `<iframe>` of a known provider, or of one of
/// `frame_hosts`, becomes an embed; any other is left out and named.
pub fn blocks(html: &str, frame_hosts: &[String]) -> Mapped {
    let mut mapped = Mapped::default();
    let mut embeds = Vec::new();
    let raw = Html::parse_fragment(html);
    for frame in raw.root_element().descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "iframe")
    {
        let src = frame.value().attr("src").unwrap_or_default().trim();
        let src = src.strip_prefix("//").map_or_else(|| src.to_owned(), |rest| format!("https://{rest}"));
        let embed =
            masthead_model::embed::recognise(&src).or_else(|| masthead_model::embed::allowed_frame(&src, frame_hosts));
        match embed {
            Some(mut embed) => {
                if let Some(title) = frame.value().attr("title").map(str::trim).filter(|t| !t.is_empty()) {
                    embed.title = title.to_owned();
                }
                embeds.push(Block::Embed(embed));
            }
            None => {
                mapped.dropped.push(format!(
                    "an <iframe> from {src:?} (a site that is not a known provider nor in [embeds] hosts)"
                ));
            }
        }
    }
    // A GitHub gist's script: a link to the gist (the script is never run).
    let mut gists = 0;
    for script in raw.root_element().descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "script")
    {
        let src = script.value().attr("src").unwrap_or_default().trim();
        let page = src.strip_suffix(".js").unwrap_or(src);
        let is_gist = page.starts_with("https://gist.github.com/") || page.starts_with("http://gist.github.com/");
        if let (true, Some(href)) = (is_gist, safe_href(page)) {
            let name = href.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
            embeds.push(Block::Paragraph {
                inlines: vec![Inline::Link {
                    href: href.to_owned(),
                    children: vec![Inline::text(format!("The code on GitHub (gist {name})"))],
                }],
            });
            gists += 1;
        }
    }
    // A video or recording of the site's own: a link to the file (the page plays none).
    let mut media = 0;
    for element in raw.root_element().descendants().filter_map(ElementRef::wrap) {
        let name = element.value().name();
        if name != "video" && name != "audio" {
            continue;
        }
        let src = element.value().attr("src").map(str::to_owned).or_else(|| {
            element
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|c| c.value().name() == "source")
                .and_then(|c| c.value().attr("src").map(str::to_owned))
        });
        let Some(href) = src.as_deref().map(str::trim).and_then(safe_href).map(str::to_owned) else { continue };
        let file = href.rsplit('/').next().unwrap_or_default().to_owned();
        let words = if name == "audio" { "Listen to the recording" } else { "Watch the video" };
        embeds.push(Block::Paragraph {
            inlines: vec![Inline::Link { href, children: vec![Inline::text(format!("{words} ({file})"))] }],
        });
        media += 1;
    }
    not_carried(&raw, &mut mapped.dropped);
    for _ in 0..media {
        mapped.dropped.push("the player of a <video> or <audio> (a link to its file is kept)".into());
    }
    if media > 0 {
        let players = ["<video> and what is in it", "<audio> and what is in it", "<source> and what is in it"];
        mapped.dropped.retain(|d| !players.contains(&d.as_str()));
    }
    if !embeds.is_empty() {
        mapped.dropped.retain(|d| d != "<iframe> and what is in it");
    }
    for _ in 0..gists {
        if let Some(at) = mapped.dropped.iter().position(|d| d == "<script> and what is in it") {
            mapped.dropped.remove(at);
        }
    }
    let clean = sanitizer().clean(html).to_string();
    let parsed = Html::parse_fragment(&clean);
    let mut out = Mapper { dropped: &mut mapped.dropped, blocks: Vec::new(), pending: Vec::new() };
    out.children_as_blocks(parsed.root_element());
    out.flush();
    mapped.blocks = out.blocks;
    mapped.blocks.extend(embeds);
    mapped
}

/// An `<img>` tag met inside a line of Markdown, as a picture; what is not carried of it
/// goes to `dropped`.
pub fn image_tag(html: &str, dropped: &mut Dropped) -> Option<Image> {
    let parsed = Html::parse_fragment(html);
    let img = parsed.root_element().descendants().filter_map(ElementRef::wrap).find(|e| e.value().name() == "img")?;
    image(img, None, dropped)
}

/// An inline run of raw HTML (a tag or a whole element inside a paragraph).
#[derive(Debug, PartialEq, Eq)]
pub enum InlineTag {
    /// `<em>`, `<sup>`, `<a href>`…: the frame it opens.
    Open(InlineKind),
    /// Its end tag.
    Close(InlineKind),
    /// `<br>`.
    Break,
    /// `<!--more-->`: the end of the teaser.
    More,
    /// Any other comment: not content.
    Comment,
    /// An element whose content is removed until its end tag (`<script>` and the like).
    SkipOpen(String),
    SkipClose(String),
    /// Anything else, by name: not carried (its text is).
    Other(String),
}

/// An inline element the contract carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InlineKind {
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    Keyboard,
    Code,
    /// A link, with its checked address (`None`: an address not allowed; the words stay).
    Link(Option<String>),
}

/// Reads one inline HTML tag as pulldown-cmark gives it (`<kbd>`, `</kbd>`, `<br/>`).
pub fn inline_tag(html: &str) -> InlineTag {
    let t = html.trim();
    if let Some(comment) = t.strip_prefix("<!--") {
        let inner = comment.trim_end_matches("-->").trim();
        return if inner.eq_ignore_ascii_case("more") { InlineTag::More } else { InlineTag::Comment };
    }
    let closing = t.starts_with("</");
    let body = t.trim_start_matches('<').trim_start_matches('/').trim_end_matches('>').trim_end_matches('/');
    let name: String =
        body.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>().to_ascii_lowercase();
    let kind = match name.as_str() {
        "em" | "i" => InlineKind::Emphasis,
        "strong" | "b" => InlineKind::Strong,
        "s" | "del" | "strike" => InlineKind::Strikethrough,
        "sup" => InlineKind::Superscript,
        "sub" => InlineKind::Subscript,
        "kbd" => InlineKind::Keyboard,
        "code" => InlineKind::Code,
        "a" => {
            if closing {
                return InlineTag::Close(InlineKind::Link(None));
            }
            let parsed = Html::parse_fragment(&format!("{t}</a>"));
            let href = parsed
                .root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "a")
                .and_then(|a| a.value().attr("href"))
                .and_then(safe_href)
                .map(str::to_owned);
            return InlineTag::Open(InlineKind::Link(href));
        }
        "br" => return InlineTag::Break,
        other if REMOVED_WITH_CONTENT.contains(&other) => {
            return if closing { InlineTag::SkipClose(name) } else { InlineTag::SkipOpen(name) };
        }
        _ => return InlineTag::Other(name),
    };
    if closing {
        InlineTag::Close(kind)
    } else {
        InlineTag::Open(kind)
    }
}

struct Mapper<'a> {
    dropped: &'a mut Dropped,
    blocks: Vec<Block>,
    /// Inline content met at block level, gathered into a paragraph.
    pending: Vec<Inline>,
}

impl Mapper<'_> {
    fn flush(&mut self) {
        let runs = trim(std::mem::take(&mut self.pending));
        if !runs.is_empty() {
            self.blocks.push(Block::Paragraph { inlines: runs });
        }
    }

    fn children_as_blocks(&mut self, parent: ElementRef<'_>) {
        for child in parent.children() {
            match child.value() {
                Node::Text(text) => self.pending.push(Inline::text(text.to_string())),
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.element_as_block(element);
                    }
                }
                _ => {}
            }
        }
    }

    fn element_as_block(&mut self, e: ElementRef<'_>) {
        let name = e.value().name();
        let block = match name {
            "p" => {
                self.flush();
                let mut runs = Vec::new();
                for child in e.children() {
                    match child.value() {
                        Node::Text(text) => runs.push(Inline::text(text.to_string())),
                        Node::Element(_) => {
                            if let Some(el) = ElementRef::wrap(child) {
                                self.inline_or_pictures(el, &mut runs);
                            }
                        }
                        _ => {}
                    }
                }
                self.pending = runs;
                self.flush();
                return;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level: u8 = name.get(1..).and_then(|n| n.parse().ok()).unwrap_or(2);
                if level == 1 {
                    self.dropped.push("<h1> (the title is the only h1: made an h2)".into());
                }
                Block::Heading { level: level.max(2), id: String::new(), inlines: trim(inlines(e, self.dropped)) }
            }
            "blockquote" => {
                let (paragraphs, cite, after) = self.quote(e);
                self.flush();
                if has_class(e, PULL_QUOTE_CLASSES) {
                    self.blocks.push(blocks::pull_quote(paragraphs, cite));
                } else if !paragraphs.is_empty() || cite.is_some() {
                    self.blocks.push(Block::Quote { paragraphs, cite });
                }
                if !after.is_empty() {
                    self.dropped
                        .push("the code, picture or table inside a <blockquote> (set after the quote instead)".into());
                }
                self.blocks.extend(after);
                return;
            }
            "ul" | "ol" if is_picture_list(e) => {
                // WordPress's older gallery block: a list of figures, each with its caption.
                let mut images = Vec::new();
                for li in e.children().filter_map(ElementRef::wrap) {
                    for img in li.descendants().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "img") {
                        let caption = li
                            .descendants()
                            .filter_map(ElementRef::wrap)
                            .find(|c| c.value().name() == "figcaption")
                            .map(|c| c.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
                            .filter(|c| !c.is_empty());
                        images.extend(image(img, caption, self.dropped));
                    }
                }
                match images.len() {
                    0 => return, // each picture's problem is named
                    1 => Block::Image(images.remove(0)),
                    _ => Block::Gallery { images, caption: None },
                }
            }
            "ul" | "ol" => self.list(e, name == "ol"),
            "table" => table(e, self.dropped),
            "pre" => {
                let code = e.children().filter_map(ElementRef::wrap).find(|c| c.value().name() == "code");
                let language = code
                    .and_then(|c| c.value().attr("class"))
                    .and_then(|class| class.split_whitespace().find_map(|c| c.strip_prefix("language-")))
                    .map(str::to_owned);
                let text: String = e.text().collect();
                let (spans, _) = highlight(&text, language.as_deref());
                Block::Code { language, spans }
            }
            "figure" => {
                // A pull quote set in a figure (WordPress's block): its quote and citation.
                if has_class(e, PULL_QUOTE_CLASSES) {
                    let quote = e.descendants().filter_map(ElementRef::wrap).find(|c| c.value().name() == "blockquote");
                    let (paragraphs, cite, after) = self.quote(quote.unwrap_or(e));
                    self.flush();
                    self.blocks.push(blocks::pull_quote(paragraphs, cite));
                    self.blocks.extend(after);
                    return;
                }
                let caption_of = |f: ElementRef<'_>| {
                    f.children()
                        .filter_map(ElementRef::wrap)
                        .find(|c| c.value().name() == "figcaption")
                        .map(|c| c.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|c| !c.is_empty())
                };
                let imgs: Vec<ElementRef<'_>> =
                    e.descendants().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "img").collect();
                // A figure of no picture (a code card, a table, a caption alone): what is in
                // it, as blocks; its caption as a paragraph.
                if imgs.is_empty() {
                    self.flush();
                    self.children_as_blocks(e);
                    self.flush();
                    return;
                }
                let layout = layout_of(e);
                if imgs.len() > 1 || has_class(e, GALLERY_CLASSES) {
                    // A gallery: each picture with the caption of its own figure, if it is
                    // in one; the outer figure's caption under the row.
                    let images: Vec<Image> = imgs
                        .iter()
                        .filter_map(|img| {
                            let own = img
                                .ancestors()
                                .filter_map(ElementRef::wrap)
                                .take_while(|a| a.id() != e.id())
                                .find(|a| a.value().name() == "figure")
                                .and_then(caption_of);
                            image(*img, own, self.dropped)
                        })
                        .collect();
                    if images.is_empty() {
                        return;
                    }
                    Block::Gallery { images, caption: caption_of(e) }
                } else {
                    let caption = caption_of(e).or_else(|| {
                        e.descendants()
                            .filter_map(ElementRef::wrap)
                            .find(|c| c.value().name() == "figcaption")
                            .map(|c| c.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
                            .filter(|c| !c.is_empty())
                    });
                    match imgs.first().and_then(|img| image(*img, caption, self.dropped).map(|i| (img, i))) {
                        Some((img, mut image)) => {
                            image.layout = image.layout.or(layout);
                            // A link around the picture inside the figure (WordPress's
                            // "link to media file", Ghost's linked image card).
                            let href = img
                                .ancestors()
                                .filter_map(ElementRef::wrap)
                                .take_while(|a| a.id() != e.id())
                                .find(|a| a.value().name() == "a")
                                .and_then(|a| a.value().attr("href"));
                            if let Some(href) = href {
                                link_picture(&mut image, href, self.dropped);
                            }
                            Block::Image(image)
                        }
                        None => return,
                    }
                }
            }
            "img" => match image(e, None, self.dropped) {
                Some(image) => Block::Image(image),
                None => return,
            },
            "hr" => Block::Rule,
            // An older WordPress caption (`<dl class="wp-caption"><dt><img></dt><dd>Caption</dd>`):
            // a figure with its caption.
            "dl" if e.descendants().filter_map(ElementRef::wrap).any(|c| c.value().name() == "img") => {
                let caption = e
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| c.value().name() == "dd")
                    .map(|c| c.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
                    .find(|c| !c.is_empty());
                let mut runs = Vec::new();
                let mut first = true;
                for dt in e.descendants().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "dt") {
                    let before = self.blocks.len();
                    self.inline_or_pictures(dt, &mut runs);
                    // The caption goes with the first picture.
                    if first {
                        if let Some(Block::Image(image)) = self.blocks.get_mut(before) {
                            if image.caption.is_none() {
                                image.caption.clone_from(&caption);
                            }
                            first = false;
                        }
                    }
                }
                // Words in the `<dt>` beside the picture (a caption written there).
                self.pending.append(&mut runs);
                self.flush();
                return;
            }
            "dl" => {
                let mut terms = Vec::new();
                definitions(e, &mut terms, self.dropped);
                if terms.is_empty() {
                    return;
                }
                Block::Definitions { terms }
            }
            "div" | "section" | "article" | "aside" | "header" | "footer" | "main" | "details" | "center" => {
                self.flush();
                self.children_as_blocks(e);
                self.flush();
                return;
            }
            _ => {
                // Inline content at block level joins the paragraph being gathered.
                let mut runs = std::mem::take(&mut self.pending);
                self.inline_or_pictures(e, &mut runs);
                self.pending.extend(runs);
                return;
            }
        };
        self.flush();
        self.blocks.push(block);
    }

    /// An element inside a line of text, added to `runs`; a picture in it (alone, in a
    /// link, or among words) becomes a figure of its own where it stands: the words before
    /// it end their paragraph, those after it start the next.
    fn inline_or_pictures(&mut self, e: ElementRef<'_>, runs: &mut Vec<Inline>) {
        // (`descendants` starts with `e` itself.)
        let pictures: Vec<ElementRef<'_>> =
            e.descendants().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "img").collect();
        if pictures.is_empty() {
            runs.extend(inline(e, self.dropped));
            return;
        }
        self.pending.append(runs);
        self.flush();
        for picture in pictures {
            let Some(mut image) = image(picture, None, self.dropped) else { continue };
            // A link around it, up to and including `e`.
            let mut link = None;
            for a in std::iter::once(picture).chain(picture.ancestors().filter_map(ElementRef::wrap)) {
                if a.value().name() == "a" {
                    link = a.value().attr("href");
                }
                if a.id() == e.id() || link.is_some() {
                    break;
                }
            }
            if let Some(href) = link {
                link_picture(&mut image, href, self.dropped);
            }
            self.blocks.push(Block::Image(image));
        }
        // The element's words other than its pictures (a link's text) stay in the line; its
        // pictures are figures now.
        runs.extend(inline_with(e, self.dropped, true));
    }

    /// A quote's paragraphs, its `<cite>` if it has one, and the code, pictures and tables
    /// in it, which a quote cannot hold (they are set after it).
    fn quote(&mut self, e: ElementRef<'_>) -> (Vec<Vec<Inline>>, Option<String>, Vec<Block>) {
        let mut inner = Mapper { dropped: &mut *self.dropped, blocks: Vec::new(), pending: Vec::new() };
        inner.children_as_blocks(e);
        inner.flush();
        let mut paragraphs = Vec::new();
        let mut after = Vec::new();
        for block in inner.blocks {
            match block {
                Block::Paragraph { inlines } => paragraphs.push(inlines),
                kept @ (Block::Code { .. }
                | Block::Image(_)
                | Block::Gallery { .. }
                | Block::Table { .. }
                | Block::Embed(_)) => after.push(kept),
                other => paragraphs.push(vec![Inline::text(masthead_model::text::block_text(&other))]),
            }
        }
        let cite = e
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == "cite")
            .and_then(|c| Some(c.text().collect::<String>().trim().to_owned()).filter(|c| !c.is_empty()));
        (paragraphs, cite, after)
    }

    fn list(&mut self, e: ElementRef<'_>, ordered: bool) -> Block {
        let mut items = Vec::new();
        let mut nested = Vec::new();
        for li in e.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li") {
            let mut runs = Vec::new();
            let mut sub = Vec::new();
            for child in li.children() {
                match child.value() {
                    Node::Text(text) => runs.push(Inline::text(text.to_string())),
                    Node::Element(el) if el.name() == "ul" || el.name() == "ol" => {
                        if let Some(list) = ElementRef::wrap(child) {
                            sub.push(self.list(list, el.name() == "ol"));
                        }
                    }
                    Node::Element(el) if el.name() == "p" => {
                        if let Some(p) = ElementRef::wrap(child) {
                            if !runs.is_empty() {
                                runs.push(Inline::text(" "));
                            }
                            runs.extend(inlines(p, self.dropped));
                        }
                    }
                    Node::Element(_) => {
                        if let Some(el) = ElementRef::wrap(child) {
                            // A picture in a list item: set under the item's words.
                            for img in
                                el.descendants().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "img")
                            {
                                sub.extend(image(img, None, self.dropped).map(Block::Image));
                            }
                            runs.extend(inline_with(el, self.dropped, true));
                        }
                    }
                    _ => {}
                }
            }
            items.push(trim(runs));
            nested.push(sub);
        }
        if nested.iter().all(Vec::is_empty) {
            nested.clear();
        }
        Block::List { ordered, items, nested, tasks: Vec::new() }
    }
}

/// A list whose every item is a picture and its caption (WordPress's older gallery block,
/// `<ul class="wp-block-gallery">`, is one).
fn is_picture_list(e: ElementRef<'_>) -> bool {
    let items: Vec<ElementRef<'_>> = e.children().filter_map(ElementRef::wrap).collect();
    let picture = |li: &ElementRef<'_>| {
        let has_img = li.descendants().filter_map(ElementRef::wrap).any(|c| c.value().name() == "img");
        let words_outside_captions = li.descendants().any(|n| {
            n.value().as_text().is_some_and(|t| !t.trim().is_empty())
                && !n.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "figcaption")
        });
        has_img && !words_outside_captions
    };
    !items.is_empty() && items.iter().all(picture)
}

/// The terms of a `<dl>` and their definitions (a `<div>` may group a term with its own).
fn definitions(e: ElementRef<'_>, terms: &mut Vec<Definition>, dropped: &mut Dropped) {
    for child in e.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "dt" => terms.push(Definition { term: trim(inlines(child, dropped)), details: Vec::new() }),
            "dd" => {
                let detail = trim(inlines(child, dropped));
                match terms.last_mut() {
                    Some(d) => d.details.push(detail),
                    None => terms.push(Definition { term: Vec::new(), details: vec![detail] }),
                }
            }
            "div" => definitions(child, terms, dropped),
            other => {
                dropped.push(format!("<{other}> directly inside a <dl>"));
            }
        }
    }
}

/// The link around a picture, kept where it can be: at an address the site allows, and on
/// a picture with alt text (a link's only words are its picture's description, without
/// which a screen reader cannot name it). Otherwise named in `dropped`.
pub(crate) fn link_picture(image: &mut Image, href: &str, dropped: &mut Dropped) {
    match safe_href(href.trim()) {
        Some(safe) if !image.alt.is_empty() => image.link = Some(safe.to_owned()),
        Some(_) => dropped.push(format!(
            "the link around the picture {:?} (to {href:?}; a linked picture needs alt text to name the link: write it, and the link comes back)",
            image.src
        )),
        None => dropped.push(format!(
            "the link around the picture {:?} (to {href:?}, an address that is not http, https, mailto or a site path)",
            image.src
        )),
    }
}

fn image(e: ElementRef<'_>, caption: Option<String>, dropped: &mut Dropped) -> Option<Image> {
    let v = e.value();
    let Some(src) = v.attr("src").and_then(safe_image_src) else {
        dropped.push("an <img> without an http, https or site address".into());
        return None;
    };
    // `alt=""` marks a decorative picture (valid HTML): carried as one. With no alt at all
    // the picture is carried as decorative too, and named, so the editor can describe it.
    let alt = match v.attr("alt") {
        Some(alt) => alt.split_whitespace().collect::<Vec<_>>().join(" "),
        None => {
            dropped.push(format!(
                "the description of <img src={src:?}>, which has none (it is shown as decorative: write what it shows in alt=\"…\")"
            ));
            String::new()
        }
    };
    let number = |name: &str| v.attr(name).and_then(|n| n.trim().parse::<u32>().ok()).filter(|&n| n > 0);
    let caption = caption.or_else(|| v.attr("title").map(str::to_owned)).filter(|c| !c.trim().is_empty());
    Some(Image {
        src: src.to_owned(),
        alt,
        width: number("width"),
        height: number("height"),
        caption,
        sources: Vec::new(),
        layout: layout_of(e),
        link: None,
    })
}

fn cells<'a>(tr: &ElementRef<'a>) -> Vec<ElementRef<'a>> {
    tr.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "th" | "td")).collect()
}

fn table(e: ElementRef<'_>, dropped: &mut Dropped) -> Block {
    let all: Vec<ElementRef<'_>> =
        e.descendants().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "tr").collect();
    let in_head =
        |tr: &ElementRef<'_>| tr.parent().and_then(ElementRef::wrap).is_some_and(|p| p.value().name() == "thead");
    let mut head_row: Option<ElementRef<'_>> = all.iter().find(|tr| in_head(tr)).copied();
    if head_row.is_none() {
        head_row = all.first().filter(|tr| cells(tr).iter().all(|c| c.value().name() == "th")).copied();
    }
    let body: Vec<&ElementRef<'_>> = all.iter().filter(|tr| Some(**tr) != head_row).collect();
    let align: Vec<Align> = head_row
        .as_ref()
        .or(body.first().copied())
        .map(|tr| {
            cells(tr)
                .iter()
                .map(|c| match c.value().attr("align").map(str::to_ascii_lowercase).as_deref() {
                    Some("left") => Align::Left,
                    Some("center") => Align::Center,
                    Some("right") => Align::Right,
                    _ => Align::None,
                })
                .collect()
        })
        .unwrap_or_default();
    let head = head_row.map(|tr| cells(&tr).iter().map(|c| trim(inlines(*c, dropped))).collect()).unwrap_or_default();
    let row_headers =
        !body.is_empty() && body.iter().all(|tr| cells(tr).first().is_some_and(|c| c.value().name() == "th"));
    let rows = body.iter().map(|tr| cells(tr).iter().map(|c| trim(inlines(*c, dropped))).collect()).collect();
    Block::Table { align, head, rows, row_headers }
}

/// The inline content of an element's children.
fn inlines(e: ElementRef<'_>, dropped: &mut Dropped) -> Vec<Inline> {
    inlines_with(e, dropped, false)
}

/// [`inlines`]; with `pictures_taken`, its pictures are figures already and are passed
/// over without a word.
fn inlines_with(e: ElementRef<'_>, dropped: &mut Dropped, pictures_taken: bool) -> Vec<Inline> {
    let mut out = Vec::new();
    for child in e.children() {
        match child.value() {
            Node::Text(text) => out.push(Inline::text(text.to_string())),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    out.extend(inline_with(el, dropped, pictures_taken));
                }
            }
            _ => {}
        }
    }
    out
}

/// One element as inlines.
fn inline(e: ElementRef<'_>, dropped: &mut Dropped) -> Vec<Inline> {
    inline_with(e, dropped, false)
}

/// [`inline`]; with `pictures_taken`, as [`inlines_with`].
fn inline_with(e: ElementRef<'_>, dropped: &mut Dropped, pictures_taken: bool) -> Vec<Inline> {
    let children = |d: &mut Dropped| inlines_with(e, d, pictures_taken);
    let text = || e.text().collect::<String>();
    vec![match e.value().name() {
        "em" | "i" | "cite" => Inline::Emphasis { children: children(dropped) },
        "strong" | "b" => Inline::Strong { children: children(dropped) },
        "s" | "del" | "strike" => Inline::Strikethrough { children: children(dropped) },
        "sup" => Inline::Superscript { children: children(dropped) },
        "sub" => Inline::Subscript { children: children(dropped) },
        "kbd" => Inline::Keyboard { text: text() },
        "code" => Inline::Code { text: text() },
        "br" => Inline::LineBreak,
        "a" => match e.value().attr("href").and_then(safe_href) {
            // A link with no words (around a picture, or empty) is no link.
            Some(href) if !text().trim().is_empty() => {
                Inline::Link { href: href.to_owned(), children: children(dropped) }
            }
            _ => return children(dropped),
        },
        // Pictures in a paragraph or a link are set as figures (`inline_or_pictures`); in a
        // list item, a table cell or a heading there is no place for one.
        "img" if pictures_taken => return Vec::new(),
        "img" => {
            let src = e.value().attr("src").unwrap_or_default();
            dropped.push(format!(
                "the picture {src:?} inside a list item, table cell or heading (set it on its own line)"
            ));
            return Vec::new();
        }
        _ => return children(dropped),
    }]
}

/// Whitespace as HTML shows it: runs collapsed to one space, trimmed at both ends, and
/// adjacent text merged.
fn trim(runs: Vec<Inline>) -> Vec<Inline> {
    let collapse = |text: &str| {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        out
    };
    let runs = runs
        .into_iter()
        .map(|run| match run {
            Inline::Text { text } => Inline::Text { text: collapse(&text) },
            other => other,
        })
        .collect();
    // Merged runs may meet space to space: once more.
    trim_runs(runs)
        .into_iter()
        .map(|run| match run {
            Inline::Text { text } if text.contains("  ") => Inline::Text { text: collapse(&text) },
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        Inline::text(t)
    }

    #[test]
    fn carried_elements_become_blocks_and_the_rest_is_named() {
        let html = r#"<p>Press <kbd>Ctrl</kbd> and H<sub>2</sub>O<sup>1</sup> <a href="https://x.test" onclick="evil()">here</a></p>
<script>alert(1)</script><div style="color:red"><h1>Big</h1><ul><li>one<ul><li>deep</li></ul></li><li>two</li></ul></div>
<table><thead><tr><th align="right">A</th><th>B</th></tr></thead><tbody><tr><td><em>1</em></td><td>2</td></tr></tbody></table>
<pre><code class="language-rust">fn x() {}</code></pre><hr><figure><img src="/a.png" alt="A chart" width="640" height="480"><figcaption>Sales</figcaption></figure>
<form><input name="q"></form><iframe src="https://evil.example"></iframe>"#;
        let mapped = blocks(html, &[]);
        let b = &mapped.blocks;
        assert_eq!(
            b[0],
            Block::Paragraph {
                inlines: vec![
                    text("Press "),
                    Inline::Keyboard { text: "Ctrl".into() },
                    text(" and H"),
                    Inline::Subscript { children: vec![text("2")] },
                    text("O"),
                    Inline::Superscript { children: vec![text("1")] },
                    text(" "),
                    Inline::Link { href: "https://x.test".into(), children: vec![text("here")] },
                ]
            }
        );
        assert!(matches!(&b[1], Block::Heading { level: 2, .. }));
        assert!(matches!(&b[2], Block::List { items, nested, .. } if items.len() == 2 && nested[0].len() == 1));
        assert!(
            matches!(&b[3], Block::Table { align, head, rows, .. } if align[0] == Align::Right && head.len() == 2 && rows.len() == 1)
        );
        assert!(matches!(&b[4], Block::Code { language: Some(l), spans } if l == "rust" && spans.len() > 1));
        assert_eq!(b[5], Block::Rule);
        assert!(matches!(&b[6], Block::Image(i) if i.width == Some(640) && i.caption.as_deref() == Some("Sales")));
        assert_eq!(b.len(), 7, "{b:?}");
        let dropped: Vec<&str> = mapped.dropped.iter().map(String::as_str).collect();
        for name in ["<script>", "<iframe>", "<form>", "<input>", "<div>", "onclick", "style", "<h1>"] {
            assert!(dropped.iter().any(|d| d.contains(name)), "{name} not reported: {dropped:?}");
        }
        let json = serde_json::to_string(b).unwrap();
        assert!(!json.contains("alert") && !json.contains("evil"), "{json}");
    }

    #[test]
    fn definition_lists_are_carried() {
        let html = r#"<dl><dt>Battery</dt><dd>5,000 <b>mAh</b></dd><dd onclick="x()">two days</dd>
<div><dt>Weight</dt><dd>190 g</dd></div><script>alert(1)</script></dl>"#;
        let mapped = blocks(html, &[]);
        let text = Inline::text;
        assert_eq!(
            mapped.blocks,
            vec![Block::Definitions {
                terms: vec![
                    Definition {
                        term: vec![text("Battery")],
                        details: vec![
                            vec![text("5,000 "), Inline::Strong { children: vec![text("mAh")] }],
                            vec![text("two days")]
                        ],
                    },
                    Definition { term: vec![text("Weight")], details: vec![vec![text("190 g")]] },
                ]
            }]
        );
    }

    #[test]
    fn inline_tags_are_read() {
        assert_eq!(inline_tag("<kbd>"), InlineTag::Open(InlineKind::Keyboard));
        assert_eq!(inline_tag("</SUP>"), InlineTag::Close(InlineKind::Superscript));
        assert_eq!(inline_tag("<br/>"), InlineTag::Break);
        assert_eq!(inline_tag("<!--more-->"), InlineTag::More);
        assert_eq!(inline_tag("<!-- more -->"), InlineTag::More);
        assert_eq!(inline_tag("<!-- note -->"), InlineTag::Comment);
        assert_eq!(inline_tag("<a href=\"javascript:alert(1)\">"), InlineTag::Open(InlineKind::Link(None)));
        assert_eq!(inline_tag("<a href='/x'>"), InlineTag::Open(InlineKind::Link(Some("/x".into()))));
        assert_eq!(inline_tag("<script>"), InlineTag::SkipOpen("script".into()));
        assert_eq!(inline_tag("<span class=x>"), InlineTag::Other("span".into()));
    }
}
