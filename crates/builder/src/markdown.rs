//! Markdown to the contract's typed blocks. Raw HTML is refused, never passed through.

use masthead_model::text::{plain_text, slugify};
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Block, Image, Inline};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A problem in a Markdown body, with the 1-based line within that body.
#[derive(Debug, PartialEq, Eq)]
pub struct MarkdownError {
    pub line: usize,
    pub message: String,
}

const RAW_HTML: &str = "raw HTML is not allowed in articles; write it in Markdown";

/// Inline containers open while reading a run of text.
enum Frame {
    Root,
    Emphasis,
    Strong,
    Link(String),
}

#[derive(Default)]
struct Converter {
    blocks: Vec<Block>,
    frames: Vec<(Frame, Vec<Inline>)>,
    heading: Option<(u8, Option<String>)>,
    quote: Option<Vec<Vec<Inline>>>,
    list: Option<(bool, Vec<Vec<Inline>>)>,
    image: Option<(String, String, Vec<Inline>)>,
    /// An image that opened its paragraph; the paragraph becomes an image block.
    standalone: Option<Image>,
    /// Site paths linked to, with the line of each link, checked once every post is known.
    links: Vec<(usize, String)>,
    line: usize,
    ids: Vec<String>,
}

pub fn to_blocks(markdown: &str) -> Result<Vec<Block>, MarkdownError> {
    convert(markdown).map(|c| c.blocks)
}

/// A converted body and the site paths it links to, each with its 1-based line.
pub struct Converted {
    pub blocks: Vec<Block>,
    pub links: Vec<(usize, String)>,
}

pub fn convert(markdown: &str) -> Result<Converted, MarkdownError> {
    let mut c = Converter::default();
    let options = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_SMART_PUNCTUATION;
    let line_starts: Vec<usize> = std::iter::once(0).chain(markdown.match_indices('\n').map(|(i, _)| i + 1)).collect();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let line = line_starts.partition_point(|&start| start <= range.start).max(1);
        c.line = line;
        c.event(event).map_err(|message| MarkdownError { line, message })?;
    }
    Ok(Converted { blocks: c.blocks, links: c.links })
}

impl Converter {
    fn open(&mut self, frame: Frame) {
        self.frames.push((frame, Vec::new()));
    }

    fn push(&mut self, inline: Inline) -> Result<(), String> {
        if let Some((_, _, alt)) = self.image.as_mut() {
            alt.push(inline);
            return Ok(());
        }
        if self.standalone.is_some() && !matches!(&inline, Inline::Text { text } if text.trim().is_empty()) {
            return Err("an image must stand in a paragraph of its own".into());
        }
        match self.frames.last_mut() {
            Some((_, runs)) => {
                runs.push(inline);
                Ok(())
            }
            None => Err("text outside a paragraph".into()),
        }
    }

    /// Closes the innermost inline container and adds it to its parent.
    fn close_inline(&mut self) -> Result<(), String> {
        let (frame, children) = self.frames.pop().ok_or("unbalanced inline markup")?;
        let inline = match frame {
            Frame::Emphasis => Inline::Emphasis { children },
            Frame::Strong => Inline::Strong { children },
            Frame::Link(href) => Inline::Link { href, children },
            Frame::Root => return Err("unbalanced inline markup".into()),
        };
        self.push(inline)
    }

    fn close_root(&mut self) -> Result<Vec<Inline>, String> {
        match self.frames.pop() {
            Some((Frame::Root, runs)) => Ok(trim_runs(runs)),
            _ => Err("unbalanced markup".into()),
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), String> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.push(Inline::text(text.into_string())),
            Event::Code(text) => self.push(Inline::Code { text: text.into_string() }),
            Event::SoftBreak => self.push(Inline::text(" ")),
            Event::HardBreak => self.push(Inline::LineBreak),
            Event::Html(_) | Event::InlineHtml(_) => Err(RAW_HTML.into()),
            Event::Rule => Ok(()),
            other => Err(format!("unsupported Markdown: {other:?}")),
        }
    }

    fn start(&mut self, tag: Tag<'_>) -> Result<(), String> {
        match tag {
            Tag::Paragraph => {
                // A loose list item already has its frame; its paragraphs join with a space.
                if self.list.is_some() && !self.frames.is_empty() {
                    if self.frames.last().is_some_and(|(_, runs)| !runs.is_empty()) {
                        self.push(Inline::text(" "))?;
                    }
                } else {
                    self.open(Frame::Root);
                }
            }
            Tag::Heading { level, id, .. } => {
                let level =
                    match level {
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        HeadingLevel::H4 => 4,
                        HeadingLevel::H1 => return Err(
                            "a `#` heading in the body: the title is the article's only h1; use `##` for subheadings"
                                .into(),
                        ),
                        _ => return Err("headings deeper than `####` are not supported".into()),
                    };
                if self.quote.is_some() || self.list.is_some() {
                    return Err("headings cannot stand inside quotes or lists".into());
                }
                self.heading = Some((level, id.map(|i| i.into_string())));
                self.open(Frame::Root);
            }
            Tag::BlockQuote(_) => {
                if self.quote.is_some() {
                    return Err("quotes inside quotes are not supported".into());
                }
                self.quote = Some(Vec::new());
            }
            Tag::List(first) => {
                if self.list.is_some() {
                    return Err("lists inside lists are not supported".into());
                }
                self.list = Some((first.is_some(), Vec::new()));
            }
            Tag::HtmlBlock => return Err(RAW_HTML.into()),
            Tag::Item => self.open(Frame::Root),
            Tag::Emphasis => self.open(Frame::Emphasis),
            Tag::Strong => self.open(Frame::Strong),
            Tag::Link { dest_url, .. } => {
                let href = safe_href(&dest_url).ok_or_else(|| {
                    format!("link to {dest_url:?}: links must be http, https, mailto or start with /")
                })?;
                if href.starts_with('/') {
                    self.links.push((self.line, href.to_owned()));
                }
                self.open(Frame::Link(href.to_owned()));
            }
            Tag::Image { dest_url, title, .. } => {
                let src = safe_image_src(&dest_url)
                    .ok_or_else(|| format!("image {dest_url:?}: images must be http, https or start with /"))?;
                self.image = Some((src.to_owned(), title.into_string(), Vec::new()));
            }
            other => return Err(format!("unsupported Markdown: {other:?}")),
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), String> {
        match tag {
            TagEnd::Paragraph => {
                if self.list.is_some() {
                    return Ok(());
                }
                let runs = self.close_root()?;
                if let Some(image) = self.standalone.take() {
                    self.blocks.push(Block::Image(image));
                } else if let Some(quote) = self.quote.as_mut() {
                    quote.push(runs);
                } else if !runs.is_empty() {
                    self.blocks.push(Block::Paragraph { inlines: runs });
                }
            }
            TagEnd::Heading(_) => {
                let inlines = self.close_root()?;
                let (level, explicit) = self.heading.take().ok_or("unbalanced heading")?;
                let base = explicit.unwrap_or_else(|| slugify(&plain_text(&inlines)));
                let base = if base.is_empty() { "section".to_owned() } else { base };
                let mut id = base.clone();
                let mut n = 2;
                while self.ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                self.ids.push(id.clone());
                self.blocks.push(Block::Heading { level, id, inlines });
            }
            TagEnd::BlockQuote(_) => {
                let mut paragraphs = self.quote.take().ok_or("unbalanced quote")?;
                let cite = paragraphs.last().and_then(|p| citation(p));
                if cite.is_some() {
                    paragraphs.pop();
                }
                self.blocks.push(Block::Quote { paragraphs, cite });
            }
            TagEnd::Item => {
                let runs = self.close_root()?;
                let (_, items) = self.list.as_mut().ok_or("list item outside a list")?;
                items.push(runs);
            }
            TagEnd::List(_) => {
                let (ordered, items) = self.list.take().ok_or("unbalanced list")?;
                self.blocks.push(Block::List { ordered, items });
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => self.close_inline()?,
            TagEnd::Image => {
                let (src, caption, alt) = self.image.take().ok_or("unbalanced image")?;
                let alt = plain_text(&alt).trim().to_owned();
                if alt.is_empty() {
                    return Err(format!("image {src:?} has no alt text: write ![what it shows]({src})"));
                }
                let caption = (!caption.trim().is_empty()).then(|| caption.trim().to_owned());
                let alone = self.quote.is_none()
                    && self.list.is_none()
                    && self.heading.is_none()
                    && matches!(self.frames.as_slice(), [(Frame::Root, runs)] if plain_text(runs).trim().is_empty());
                if !alone {
                    return Err("an image must stand in a paragraph of its own".into());
                }
                self.standalone = Some(Image { src, alt, width: None, height: None, caption, sources: Vec::new() });
            }
            other => return Err(format!("unsupported Markdown: {other:?}")),
        }
        Ok(())
    }
}

/// A quote's last paragraph is its citation when it starts with a dash: "— Name, role".
fn citation(paragraph: &[Inline]) -> Option<String> {
    let text = plain_text(paragraph);
    let rest = text.trim().strip_prefix(['—', '–']).or_else(|| text.trim().strip_prefix("--"))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// Drops leading and trailing whitespace-only text runs and merges adjacent text.
fn trim_runs(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for run in runs {
        match (out.last_mut(), run) {
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, run) => out.push(run),
        }
    }
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_owned();
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        *text = text.trim_end().to_owned();
    }
    out.retain(|r| !matches!(r, Inline::Text { text } if text.is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        Inline::text(t)
    }

    #[test]
    fn paragraphs_headings_quotes_and_lists() {
        let md = "Intro with *em*, **strong**, `code` and [a link](https://x.test).\n\n## Part two\n\n## Part two\n\n> Quoted words.\n>\n> — Ada Lovelace\n\n- one\n- two\n";
        let blocks = to_blocks(md).unwrap();
        assert_eq!(blocks.len(), 5);
        assert_eq!(
            blocks[0],
            Block::Paragraph {
                inlines: vec![
                    text("Intro with "),
                    Inline::Emphasis { children: vec![text("em")] },
                    text(", "),
                    Inline::Strong { children: vec![text("strong")] },
                    text(", "),
                    Inline::Code { text: "code".into() },
                    text(" and "),
                    Inline::Link { href: "https://x.test".into(), children: vec![text("a link")] },
                    text("."),
                ]
            }
        );
        assert!(matches!(&blocks[1], Block::Heading { level: 2, id, .. } if id == "part-two"));
        assert!(matches!(&blocks[2], Block::Heading { id, .. } if id == "part-two-2"));
        assert_eq!(
            blocks[3],
            Block::Quote { paragraphs: vec![vec![text("Quoted words.")]], cite: Some("Ada Lovelace".into()) }
        );
        assert_eq!(blocks[4], Block::List { ordered: false, items: vec![vec![text("one")], vec![text("two")]] });
    }

    #[test]
    fn a_standalone_image_becomes_an_image_block() {
        let blocks = to_blocks("![A chip on a desk](/img/chip.jpg \"The new chip\")\n").unwrap();
        assert_eq!(
            blocks,
            vec![Block::Image(Image {
                src: "/img/chip.jpg".into(),
                alt: "A chip on a desk".into(),
                width: None,
                height: None,
                caption: Some("The new chip".into()),
                sources: vec![],
            })]
        );
    }

    #[test]
    fn refusals_name_the_line() {
        let cases = [
            ("ok\n\n<script>alert(1)</script>\n", 3, "raw HTML"),
            ("ok\n\nsee <b>this</b>\n", 3, "raw HTML"),
            ("[x](javascript:alert(1))\n", 1, "links must be"),
            ("one\n\n[x](data:text/html,hi)\n", 3, "links must be"),
            ("![](/a.png)\n", 1, "no alt text"),
            ("Text ![a](/a.png) more\n", 1, "paragraph of its own"),
            ("# Title again\n", 1, "only h1"),
            ("- a\n  - b\n", 2, "lists inside lists"),
        ];
        for (md, line, needle) in cases {
            let err = to_blocks(md).unwrap_err();
            assert_eq!(err.line, line, "{md:?}: {err:?}");
            assert!(err.message.contains(needle), "{md:?}: {err:?}");
        }
    }
}
