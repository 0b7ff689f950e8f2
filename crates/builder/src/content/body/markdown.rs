//! Markdown to the contract's typed blocks: CommonMark with tables, footnotes,
//! strikethrough and task lists; fenced code highlighted at build time; raw HTML cleaned
//! and mapped onto blocks (see `raw_html`), never passed through. Every problem of a body
//! is reported, each with its line; what is not carried is a warning, not a failure.

use std::collections::{BTreeSet, HashMap};

use masthead_model::text::{block_text, plain_text, slugify};
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Align, Block, Definition, Footnote, Image, Inline};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::blocks::{self, trim_runs};
use super::highlight::highlight;
use super::raw_html::{self, InlineKind, InlineTag};

/// A problem in a Markdown body, with the 1-based line within that body.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct MarkdownError {
    pub line: usize,
    pub message: String,
}

/// Inline containers open while reading a run of text: a paragraph's root, or an inline
/// element (from Markdown or from inline HTML).
#[derive(Debug, PartialEq)]
enum Frame {
    Root,
    Inline(InlineKind),
}

impl Frame {
    fn same_kind(&self, other: &Frame) -> bool {
        match (self, other) {
            (Frame::Inline(a), Frame::Inline(b)) => std::mem::discriminant(a) == std::mem::discriminant(b),
            _ => false,
        }
    }
}

/// Block containers open while reading.
enum Container {
    Quote(Vec<Vec<Inline>>),
    List(ListState),
    Footnote {
        label: String,
        runs: Vec<Inline>,
    },
    Table(TableState),
    /// A definition list; `open` while a definition is being read.
    Definitions {
        terms: Vec<Definition>,
        open: bool,
    },
}

#[derive(Default)]
struct ListState {
    ordered: bool,
    items: Vec<Vec<Inline>>,
    nested: Vec<Vec<Block>>,
    tasks: Vec<Option<bool>>,
    item_open: bool,
    current_nested: Vec<Block>,
    current_task: Option<bool>,
}

#[derive(Default)]
struct TableState {
    align: Vec<Align>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    row: Vec<Vec<Inline>>,
}

#[derive(Default)]
struct Converter {
    /// Hosts whose frames the site allows (`[embeds] hosts`).
    frame_hosts: Vec<String>,
    blocks: Vec<Block>,
    frames: Vec<(Frame, Vec<Inline>)>,
    containers: Vec<Container>,
    heading: Option<(u8, Option<String>)>,
    code: Option<(Option<String>, String)>,
    html: Option<String>,
    image: Option<(String, String, Vec<Inline>)>,
    /// Images that make up their paragraph so far: one becomes an image block, several a
    /// gallery.
    standalone: Vec<Image>,
    /// An inline element whose content is removed (`<script>` inside a paragraph).
    skipping: Option<String>,
    /// Site paths linked to, with the line of each link, checked once every post is known.
    links: Vec<(usize, String)>,
    line: usize,
    ids: Vec<String>,
    /// Footnote labels in order of first reference, with the line of that reference.
    refs: Vec<(String, usize)>,
    notes: HashMap<String, Vec<Inline>>,
    /// Where `<!--more-->` stood: the number of blocks before it.
    more: Option<usize>,
    more_pending: bool,
    first_h1: Option<usize>,
    errors: Vec<MarkdownError>,
    warnings: Vec<MarkdownError>,
    reported: BTreeSet<(usize, String)>,
    /// Code, pictures and tables met inside a quote or a definition, set after it (a quote
    /// holds paragraphs, a definition text).
    after_quote: Vec<Block>,
    /// The open link held a picture, which took the link with it.
    picture_in_link: bool,
}

/// A converted body: its blocks, the site paths it links to (each with its line), the
/// teaser before `<!--more-->` if it has one, and what was not carried (warnings).
#[derive(Debug, Default)]
pub struct Converted {
    pub blocks: Vec<Block>,
    pub links: Vec<(usize, String)>,
    pub teaser: Option<String>,
    pub warnings: Vec<MarkdownError>,
}

/// The blocks of a body, or its first problem.
pub fn to_blocks(markdown: &str) -> Result<Vec<Block>, MarkdownError> {
    convert(markdown).map(|c| c.blocks).map_err(|mut e| e.swap_remove(0))
}

/// Converts a body; every problem is returned, in order of lines.
pub fn convert(markdown: &str) -> Result<Converted, Vec<MarkdownError>> {
    convert_with(markdown, &[])
}

/// [`convert`] for a site that allows frames from `frame_hosts` besides the known
/// providers.
pub fn convert_with(markdown: &str, frame_hosts: &[String]) -> Result<Converted, Vec<MarkdownError>> {
    let mut c = Converter { frame_hosts: frame_hosts.to_vec(), ..Converter::default() };
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST;
    let line_starts: Vec<usize> = std::iter::once(0).chain(markdown.match_indices('\n').map(|(i, _)| i + 1)).collect();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let line = line_starts.partition_point(|&start| start <= range.start).max(1);
        c.line = line;
        if let Err(message) = c.event(event) {
            c.errors.push(MarkdownError { line, message });
        }
    }
    c.finish()
}

impl Converter {
    /// A warning, once per line it is met on.
    fn warn(&mut self, message: String) {
        if self.reported.insert((self.line, message.clone())) {
            self.warnings.push(MarkdownError { line: self.line, message });
        }
    }

    fn open(&mut self, frame: Frame) {
        self.frames.push((frame, Vec::new()));
    }

    fn push(&mut self, inline: Inline) -> Result<(), String> {
        if self.skipping.is_some() {
            return Ok(());
        }
        if let Some((_, _, alt)) = self.image.as_mut() {
            alt.push(inline);
            return Ok(());
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
            Frame::Inline(InlineKind::Emphasis) => Inline::Emphasis { children },
            Frame::Inline(InlineKind::Strong) => Inline::Strong { children },
            Frame::Inline(InlineKind::Strikethrough) => Inline::Strikethrough { children },
            Frame::Inline(InlineKind::Superscript) => Inline::Superscript { children },
            Frame::Inline(InlineKind::Subscript) => Inline::Subscript { children },
            Frame::Inline(InlineKind::Keyboard) => Inline::Keyboard { text: plain_text(&children) },
            Frame::Inline(InlineKind::Code) => Inline::Code { text: plain_text(&children) },
            // A link with no words is no link: one that held a picture went with it (a linked
            // figure, or named there); any other is named.
            Frame::Inline(InlineKind::Link(Some(href))) if plain_text(&children).trim().is_empty() => {
                if !std::mem::take(&mut self.picture_in_link) {
                    self.warn(format!(
                        "the link to {href:?} has no words, so no one can follow it: left out; write its words"
                    ));
                }
                return Ok(());
            }
            Frame::Inline(InlineKind::Link(Some(href))) => Inline::Link { href, children },
            Frame::Inline(InlineKind::Link(None)) => {
                for child in children {
                    self.push(child)?;
                }
                return Ok(());
            }
            Frame::Root => {
                self.frames.push((Frame::Root, children));
                return Err("unbalanced inline markup".into());
            }
        };
        self.push(inline)
    }

    fn close_root(&mut self) -> Result<Vec<Inline>, String> {
        // Inline HTML left open at the end of its paragraph is closed there.
        while self.frames.last().is_some_and(|(f, _)| *f != Frame::Root) {
            self.close_inline()?;
        }
        match self.frames.pop() {
            Some((Frame::Root, runs)) => Ok(trim_runs(runs)),
            _ => Err("unbalanced markup".into()),
        }
    }

    /// A picture met in a line of text: under an open list item's words (a step and its
    /// screenshot); in a heading, quote, table cell, definition or footnote it has no place,
    /// and is named. Otherwise it is handed back, to be set before its paragraph
    /// ([`Self::before_paragraph`]).
    fn place_picture(&mut self, image: Image) -> Result<Option<Image>, String> {
        let in_item = matches!(self.containers.last(), Some(Container::List(l)) if l.item_open)
            && self.containers.iter().all(|c| matches!(c, Container::List(_)));
        if in_item && self.heading.is_none() {
            self.emit(Block::Image(image))?;
            return Ok(None);
        }
        let no_place =
            self.heading.is_some() || self.containers.iter().any(|c| !matches!(c, Container::List(l) if !l.item_open));
        if no_place {
            self.warn(format!(
                "image {:?} is inside a heading, quote, table cell, definition or footnote, where a picture has no place: left out; set it on a line of its own",
                image.src
            ));
            return Ok(None);
        }
        Ok(Some(image))
    }

    /// A picture set as a figure before its paragraph; one with words beside it (not
    /// `alone`) is named.
    fn before_paragraph(&mut self, image: Image, alone: bool) {
        if !alone {
            self.warn(format!(
                "image {:?} is inside a line of text: it is shown as a figure before that paragraph",
                image.src
            ));
        }
        if self.frames.is_empty() {
            self.open(Frame::Root);
        }
        self.standalone.push(image);
    }

    /// Whether a list item or a definition is open: its paragraphs join into one run.
    fn list_item_open(&self) -> bool {
        matches!(self.containers.last(), Some(Container::List(ListState { item_open: true, .. })))
            || matches!(self.containers.last(), Some(Container::Definitions { open: true, .. }))
    }

    /// Adds a finished block where it belongs: the open list item, quote or footnote,
    /// else the body.
    fn emit(&mut self, block: Block) -> Result<(), String> {
        match self.containers.last_mut() {
            Some(Container::List(list)) if list.item_open => list.current_nested.push(block),
            Some(Container::Quote(paragraphs)) => match block {
                Block::Paragraph { inlines } => paragraphs.push(inlines),
                kept @ (Block::Code { .. }
                | Block::Image(_)
                | Block::Gallery { .. }
                | Block::Table { .. }
                | Block::Embed(_)) => {
                    self.after_quote.push(kept);
                    self.warn("a quote holds paragraphs only: the code, picture or table in it is set after it".into());
                }
                other => {
                    paragraphs.push(vec![Inline::text(block_text(&other))]);
                    self.warn("a quote holds paragraphs only: a list or heading in it became plain text".into());
                }
            },
            Some(Container::Definitions { terms, .. }) => match block {
                kept @ (Block::Code { .. }
                | Block::Image(_)
                | Block::Gallery { .. }
                | Block::Table { .. }
                | Block::Embed(_)) => {
                    self.after_quote.push(kept);
                    self.warn(
                        "a definition holds text only: the code, picture or table in it is set after the list".into(),
                    );
                }
                other => {
                    let text = block_text(&other);
                    match terms.last_mut() {
                        Some(d) if !text.is_empty() => d.details.push(vec![Inline::text(text)]),
                        _ => {}
                    }
                    self.warn("a definition holds text only: a list or heading in it became plain text".into());
                }
            },
            Some(Container::Footnote { runs, .. }) => {
                let inlines = match block {
                    Block::Paragraph { inlines } => inlines,
                    other => vec![Inline::text(block_text(&other))],
                };
                if !runs.is_empty() {
                    runs.push(Inline::text(" "));
                }
                runs.extend(inlines);
            }
            _ => {
                if self.more_pending {
                    self.more_pending = false;
                    self.blocks.push(block);
                    self.more = Some(self.blocks.len());
                    return Ok(());
                }
                self.blocks.push(block);
            }
        }
        Ok(())
    }

    /// A heading's anchor: its explicit id, else its slug, made unique in the body.
    fn unique_id(&mut self, explicit: Option<String>, inlines: &[Inline]) -> String {
        let base = explicit.unwrap_or_else(|| slugify(&plain_text(inlines)));
        let base = if base.is_empty() { "section".to_owned() } else { base };
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.push(id.clone());
        id
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), String> {
        if let Some((_, code)) = self.code.as_mut() {
            if let Event::Text(text) = &event {
                code.push_str(text);
                return Ok(());
            }
        }
        if let Some(html) = self.html.as_mut() {
            if let Event::Html(text) | Event::Text(text) = &event {
                html.push_str(text);
                return Ok(());
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.push(Inline::text(text.into_string())),
            Event::Code(text) => self.push(Inline::Code { text: text.into_string() }),
            Event::SoftBreak => self.push(Inline::text(" ")),
            Event::HardBreak => self.push(Inline::LineBreak),
            Event::Rule => self.emit(Block::Rule),
            Event::InlineHtml(html) | Event::Html(html) => self.inline_html(&html),
            Event::FootnoteReference(label) => {
                let label = label.into_string();
                let number = match self.refs.iter().position(|(l, _)| *l == label) {
                    Some(i) => i + 1,
                    None => {
                        self.refs.push((label.clone(), self.line));
                        self.refs.len()
                    }
                };
                let id = footnote_id(&label, number);
                self.push(Inline::FootnoteRef { id, number: u32::try_from(number).unwrap_or(u32::MAX) })
            }
            Event::TaskListMarker(checked) => {
                if let Some(Container::List(list)) = self.containers.last_mut() {
                    list.current_task = Some(checked);
                }
                Ok(())
            }
            other => {
                self.warn(format!("Markdown the builder does not carry was left out: {other:?}"));
                Ok(())
            }
        }
    }

    fn inline_html(&mut self, html: &str) -> Result<(), String> {
        match raw_html::inline_tag(html) {
            InlineTag::Open(kind) => {
                if self.frames.is_empty() {
                    self.open(Frame::Root);
                }
                if let InlineKind::Link(None) = kind {
                    self.warn(format!(
                        "the link {html}: links must be http, https, mailto or start with /; its words are kept"
                    ));
                }
                if let InlineKind::Link(Some(href)) = &kind {
                    if href.starts_with('/') {
                        self.links.push((self.line, href.clone()));
                    }
                }
                self.open(Frame::Inline(kind));
            }
            InlineTag::Close(kind) => {
                let wanted = Frame::Inline(kind);
                if self.frames.last().is_some_and(|(f, _)| f.same_kind(&wanted)) {
                    self.close_inline()?;
                } else {
                    self.warn(format!("{html} closes an element that is not open: left out"));
                }
            }
            InlineTag::Break => self.push(Inline::LineBreak)?,
            InlineTag::More => {
                if self.frames.is_empty() {
                    self.more = Some(self.blocks.len());
                } else {
                    self.more_pending = true;
                }
            }
            InlineTag::Comment => {}
            InlineTag::SkipOpen(name) => {
                self.warn(format!("<{name}> and what is in it are not carried: left out"));
                self.skipping = Some(name);
            }
            InlineTag::SkipClose(name) => {
                if self.skipping.as_deref() == Some(name.as_str()) {
                    self.skipping = None;
                }
            }
            // A picture written as HTML in a line of Markdown: as a picture written in Markdown.
            InlineTag::Other(name) if name == "img" => {
                let mut dropped = Vec::new();
                let image = raw_html::image_tag(html, &mut dropped);
                for d in dropped {
                    self.warn(format!("raw HTML: {d} is not carried: left out"));
                }
                let Some(image) = image else { return Ok(()) };
                if let Some(image) = self.place_picture(image)? {
                    let alone = self.frames.iter().all(|(_, runs)| plain_text(runs).trim().is_empty());
                    self.before_paragraph(image, alone);
                }
            }
            InlineTag::Other(name) => {
                let name = if name.is_empty() { html.trim().to_owned() } else { format!("<{name}>") };
                self.warn(format!("{name} is not carried: left out (its text is kept)"));
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>) -> Result<(), String> {
        match tag {
            Tag::Paragraph => {
                // A loose list item already has its frame; its paragraphs join with a space.
                if self.list_item_open() && !self.frames.is_empty() {
                    if self.frames.last().is_some_and(|(_, runs)| !runs.is_empty()) {
                        self.push(Inline::text(" "))?;
                    }
                } else {
                    self.open(Frame::Root);
                }
            }
            Tag::Heading { level, id, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                if level == 1 && self.first_h1.is_none() {
                    self.first_h1 = Some(self.line);
                }
                if !self.containers.is_empty() {
                    self.open(Frame::Root);
                    self.heading = Some((level, None));
                    return Err("headings cannot stand inside quotes, lists, tables or footnotes".into());
                }
                self.heading = Some((level, id.map(|i| i.into_string())));
                self.open(Frame::Root);
            }
            Tag::BlockQuote(_) => {
                if self.containers.iter().any(|c| matches!(c, Container::Quote(_))) {
                    self.warn("a quote inside a quote: its paragraphs join the outer quote".into());
                }
                self.containers.push(Container::Quote(Vec::new()));
            }
            Tag::List(first) => {
                self.containers.push(Container::List(ListState { ordered: first.is_some(), ..ListState::default() }))
            }
            Tag::Item => {
                if let Some(Container::List(list)) = self.containers.last_mut() {
                    list.item_open = true;
                }
                self.open(Frame::Root);
            }
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((language, String::new()));
            }
            Tag::HtmlBlock => self.html = Some(String::new()),
            Tag::Table(alignments) => {
                let align = alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect();
                self.containers.push(Container::Table(TableState { align, ..TableState::default() }));
            }
            Tag::DefinitionList => self.containers.push(Container::Definitions { terms: Vec::new(), open: false }),
            Tag::DefinitionListTitle => self.open(Frame::Root),
            Tag::DefinitionListDefinition => {
                if let Some(Container::Definitions { open, .. }) = self.containers.last_mut() {
                    *open = true;
                }
                self.open(Frame::Root);
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.open(Frame::Root),
            Tag::FootnoteDefinition(label) => {
                self.containers.push(Container::Footnote { label: label.into_string(), runs: Vec::new() })
            }
            Tag::Emphasis => self.open(Frame::Inline(InlineKind::Emphasis)),
            Tag::Strong => self.open(Frame::Inline(InlineKind::Strong)),
            Tag::Strikethrough => self.open(Frame::Inline(InlineKind::Strikethrough)),
            Tag::Link { link_type, dest_url, .. } => {
                // An email autolink, `<someone@example.org>`, comes without its scheme.
                let dest_url = match link_type {
                    pulldown_cmark::LinkType::Email if !dest_url.starts_with("mailto:") => {
                        pulldown_cmark::CowStr::from(format!("mailto:{dest_url}"))
                    }
                    _ => dest_url,
                };
                match safe_href(&dest_url) {
                    Some(href) => {
                        if href.starts_with('/') {
                            self.links.push((self.line, href.to_owned()));
                        }
                        self.open(Frame::Inline(InlineKind::Link(Some(href.to_owned()))));
                    }
                    None => {
                        // Its words are kept without it: a story is not held back for a link.
                        self.open(Frame::Inline(InlineKind::Link(None)));
                        self.warn(format!(
                            "the link to {:?} is not carried (links must be http, https, mailto or start with /): its words are kept; write the full address",
                            dest_url.as_ref()
                        ));
                    }
                }
            }
            Tag::Image { dest_url, title, .. } => {
                let src = safe_image_src(&dest_url);
                self.image = Some((src.unwrap_or_default().to_owned(), title.into_string(), Vec::new()));
                if src.is_none() {
                    self.warn(format!(
                        "image {:?} is not carried (images must be http, https or start with /): left out; write the full address",
                        dest_url.as_ref()
                    ));
                }
            }
            other => {
                self.warn(format!("Markdown the builder does not carry was left out: {other:?}"));
            }
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), String> {
        match tag {
            TagEnd::Paragraph => {
                if self.list_item_open() {
                    return Ok(());
                }
                let runs = self.close_root()?;
                let words = plain_text(&runs);
                if let Some(label) = words.split("[^").nth(1).and_then(|rest| rest.split(']').next()) {
                    self.warn(format!(
                        "[^{label}] looks like a footnote with no note: add a line `[^{label}]: …` after the paragraph"
                    ));
                }
                if !self.standalone.is_empty() {
                    let images = std::mem::take(&mut self.standalone);
                    self.emit(image_block(images))?;
                    // Words after the images keep their own paragraph.
                    let runs = trim_runs(runs);
                    if !runs.is_empty() {
                        self.emit(Block::Paragraph { inlines: runs })?;
                    }
                } else if let Some(embed) = lone_address(&runs).and_then(masthead_model::embed::recognise) {
                    // An address of a known provider on a line of its own is an embed, as
                    // in WordPress and Ghost.
                    self.emit(Block::Embed(embed))?;
                } else if !runs.is_empty() {
                    self.emit(Block::Paragraph { inlines: runs })?;
                } else if self.more_pending {
                    self.more_pending = false;
                    self.more = Some(self.blocks.len());
                }
            }
            TagEnd::Heading(_) => {
                let inlines = self.close_root()?;
                let (level, explicit) = self.heading.take().ok_or("unbalanced heading")?;
                if !self.containers.is_empty() {
                    return Ok(());
                }
                let id = self.unique_id(explicit, &inlines);
                self.emit(Block::Heading { level, id, inlines })?;
            }
            TagEnd::BlockQuote(_) => {
                let Some(Container::Quote(mut paragraphs)) = self.containers.pop() else {
                    return Err("unbalanced quote".into());
                };
                let cite = paragraphs.last().and_then(|p| citation(p));
                if cite.is_some() {
                    paragraphs.pop();
                }
                if !paragraphs.is_empty() || cite.is_some() {
                    match pull_quote_marker(&mut paragraphs) {
                        true => self.emit(blocks::pull_quote(paragraphs, cite))?,
                        false => self.emit(Block::Quote { paragraphs, cite })?,
                    }
                }
                if !self.containers.iter().any(|c| matches!(c, Container::Quote(_) | Container::Definitions { .. })) {
                    for block in std::mem::take(&mut self.after_quote) {
                        self.emit(block)?;
                    }
                }
            }
            TagEnd::DefinitionListTitle => {
                let term = self.close_root()?;
                let Some(Container::Definitions { terms, .. }) = self.containers.last_mut() else {
                    return Err("a definition's term outside a definition list".into());
                };
                terms.push(Definition { term, details: Vec::new() });
            }
            TagEnd::DefinitionListDefinition => {
                let runs = self.close_root()?;
                let Some(Container::Definitions { terms, open }) = self.containers.last_mut() else {
                    return Err("a definition outside a definition list".into());
                };
                *open = false;
                match terms.last_mut() {
                    Some(d) => d.details.push(runs),
                    None => terms.push(Definition { term: Vec::new(), details: vec![runs] }),
                }
            }
            TagEnd::DefinitionList => {
                let Some(Container::Definitions { terms, .. }) = self.containers.pop() else {
                    return Err("unbalanced definition list".into());
                };
                self.emit(Block::Definitions { terms })?;
                if !self.containers.iter().any(|c| matches!(c, Container::Quote(_) | Container::Definitions { .. })) {
                    for block in std::mem::take(&mut self.after_quote) {
                        self.emit(block)?;
                    }
                }
            }
            TagEnd::Item => {
                let runs = self.close_root()?;
                let Some(Container::List(list)) = self.containers.last_mut() else {
                    return Err("list item outside a list".into());
                };
                list.items.push(runs);
                list.nested.push(std::mem::take(&mut list.current_nested));
                list.tasks.push(list.current_task.take());
                list.item_open = false;
            }
            TagEnd::List(_) => {
                let Some(Container::List(list)) = self.containers.pop() else {
                    return Err("unbalanced list".into());
                };
                let ListState { ordered, items, mut nested, mut tasks, .. } = list;
                if nested.iter().all(Vec::is_empty) {
                    nested.clear();
                }
                if tasks.iter().all(Option::is_none) {
                    tasks.clear();
                }
                self.emit(Block::List { ordered, items, nested, tasks })?;
            }
            TagEnd::CodeBlock => {
                let (language, code) = self.code.take().ok_or("unbalanced code block")?;
                let (spans, _) = highlight(&code, language.as_deref());
                self.emit(Block::Code { language, spans })?;
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                if let InlineTag::More = raw_html::inline_tag(&html) {
                    self.more = Some(self.blocks.len());
                    return Ok(());
                }
                let mapped = raw_html::blocks(&html, &self.frame_hosts);
                // Once per occurrence: the same thing several times in one block is counted.
                let mut counted: Vec<(String, usize)> = Vec::new();
                for dropped in mapped.dropped {
                    match counted.iter_mut().find(|(d, _)| *d == dropped) {
                        Some((_, n)) => *n += 1,
                        None => counted.push((dropped, 1)),
                    }
                }
                for (dropped, n) in counted {
                    let times = if n > 1 { format!(" ({n} times)") } else { String::new() };
                    self.warn(format!("raw HTML: {dropped} is not carried: left out{times}"));
                }
                for block in mapped.blocks {
                    let block = match block {
                        Block::Heading { level, inlines, .. } => {
                            let id = self.unique_id(None, &inlines);
                            Block::Heading { level, id, inlines }
                        }
                        other => other,
                    };
                    self.emit(block)?;
                }
            }
            TagEnd::TableCell => {
                let runs = self.close_root()?;
                if let Some(Container::Table(table)) = self.containers.last_mut() {
                    table.row.push(runs);
                }
            }
            TagEnd::TableHead => {
                if let Some(Container::Table(table)) = self.containers.last_mut() {
                    table.head = std::mem::take(&mut table.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(Container::Table(table)) = self.containers.last_mut() {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                let Some(Container::Table(t)) = self.containers.pop() else {
                    return Err("unbalanced table".into());
                };
                self.emit(Block::Table { align: t.align, head: t.head, rows: t.rows, row_headers: false })?;
            }
            TagEnd::FootnoteDefinition => {
                let Some(Container::Footnote { label, runs }) = self.containers.pop() else {
                    return Err("unbalanced footnote".into());
                };
                self.notes.insert(label, trim_runs(runs));
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => self.close_inline()?,
            TagEnd::Image => {
                let (src, caption, alt) = self.image.take().ok_or("unbalanced image")?;
                if src.is_empty() {
                    return Ok(());
                }
                let alt = plain_text(&alt).trim().to_owned();
                if alt.is_empty() {
                    // Shown as a decorative picture (`alt=""`), and named.
                    self.warn(format!(
                        "image {src:?} has no alt text: it is shown as decorative; write ![what it shows]({src})"
                    ));
                }
                let caption = (!caption.trim().is_empty()).then(|| caption.trim().to_owned());
                // `![…](/a.jpg#wide)`: the address's fragment may name the figure's layout.
                let (src, layout) = match src.rsplit_once('#') {
                    Some((path, name)) => match masthead_model::Layout::from_name(name) {
                        Some(layout) => (path.to_owned(), Some(layout)),
                        None => (src.clone(), None),
                    },
                    None => (src, None),
                };
                let image =
                    Image { src, alt, width: None, height: None, caption, sources: Vec::new(), layout, link: None };
                let Some(mut image) = self.place_picture(image)? else { return Ok(()) };
                // A picture in a link (`[![alt](img)](url)`): a linked figure (the link's
                // address was checked when it opened). A link needs words: a picture without
                // alt text is shown without it, and named.
                let mut link = None;
                if let [(Frame::Root, _), (Frame::Inline(InlineKind::Link(Some(href))), words)] = self.frames.as_slice()
                {
                    if plain_text(words).trim().is_empty() {
                        link = Some(href.clone());
                        self.picture_in_link = true;
                    }
                }
                if link.is_some() && image.alt.is_empty() {
                    let src = &image.src;
                    self.warn(format!(
                        "the link around image {src:?} is not carried: a linked picture needs alt text to name the link; write ![what it shows]({src})"
                    ));
                    link = None;
                }
                image.link = link;
                let alone = matches!(self.frames.as_slice(), [(Frame::Root, runs)] if plain_text(runs).trim().is_empty())
                    || matches!(self.frames.as_slice(), [(Frame::Root, runs), (Frame::Inline(InlineKind::Link(_)), words)]
                        if plain_text(runs).trim().is_empty() && plain_text(words).trim().is_empty());
                self.before_paragraph(image, alone);
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Converted, Vec<MarkdownError>> {
        // Footnotes: every reference needs its note; notes follow the body in order of use.
        let mut notes = Vec::new();
        for (i, (label, line)) in self.refs.iter().enumerate() {
            match self.notes.remove(label) {
                Some(inlines) => notes.push(Footnote {
                    id: footnote_id(label, i + 1),
                    number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    inlines,
                }),
                None => self.errors.push(MarkdownError {
                    line: *line,
                    message: format!("footnote [^{label}] has no text: add a line `[^{label}]: …` below the paragraph"),
                }),
            }
        }
        let mut unused: Vec<String> = self.notes.into_keys().collect();
        unused.sort();
        for label in unused {
            self.warnings
                .push(MarkdownError { line: 1, message: format!("footnote [^{label}] is never referenced: left out") });
        }
        // A `#` heading: every heading moves down one level, so the title stays the only h1.
        if let Some(line) = self.first_h1 {
            for block in &mut self.blocks {
                if let Block::Heading { level, .. } = block {
                    *level = (*level + 1).min(6);
                }
            }
            self.warnings.push(MarkdownError {
                line,
                message: "a `#` heading in the body: the title is the article's only h1, so every heading moved \
                          down one level; write `##` for subheadings"
                    .into(),
            });
        }
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|e| e.line);
            return Err(self.errors);
        }
        let teaser = self.more.map(|n| {
            let mut words = Vec::new();
            for block in self.blocks.iter().take(n) {
                if let Block::Paragraph { inlines } = block {
                    words.push(plain_text(inlines));
                }
            }
            words.join(" ")
        });
        if !notes.is_empty() {
            self.blocks.push(Block::Footnotes { notes });
        }
        self.warnings.sort_by_key(|w| w.line);
        Ok(Converted { blocks: self.blocks, links: self.links, teaser, warnings: self.warnings })
    }
}

/// The address a paragraph holds alone: a bare `https://…` or an autolink whose text is
/// its address.
fn lone_address(runs: &[Inline]) -> Option<&str> {
    match runs {
        [Inline::Text { text }] if text.starts_with("https://") && !text.contains(char::is_whitespace) => Some(text),
        [Inline::Link { href, children }] if matches!(children.as_slice(), [Inline::Text { text }] if text == href) => {
            Some(href)
        }
        _ => None,
    }
}

/// A footnote's anchor: the slug of its label, else its number.
fn footnote_id(label: &str, number: usize) -> String {
    let slug = slugify(label);
    if slug.is_empty() {
        number.to_string()
    } else {
        slug
    }
}

/// A quote's last paragraph is its citation when it starts with a dash: "— Name, role".
/// A quote that opens with `[!PULLQUOTE]` (as GitHub's `[!NOTE]` notes are written) is a
/// pull quote; the marker is taken off.
fn pull_quote_marker(paragraphs: &mut [Vec<Inline>]) -> bool {
    const MARKER: &str = "[!pullquote]";
    let Some(Inline::Text { text }) = paragraphs.first_mut().and_then(|p| p.first_mut()) else {
        return false;
    };
    let opening = text.trim_start();
    if !opening.get(..MARKER.len()).is_some_and(|m| m.eq_ignore_ascii_case(MARKER)) {
        return false;
    }
    *text = opening[MARKER.len()..].trim_start().to_owned();
    if let Some(first) = paragraphs.first_mut() {
        *first = trim_runs(std::mem::take(first));
    }
    true
}

/// The block for the images that make up one paragraph: one is an image, several a
/// gallery. A gallery whose images share one caption (or whose last image alone has one)
/// has that caption under the row; otherwise each image keeps its own.
fn image_block(mut images: Vec<Image>) -> Block {
    if images.len() == 1 {
        return Block::Image(images.remove(0));
    }
    let captions: Vec<&str> = images.iter().filter_map(|i| i.caption.as_deref()).collect();
    let shared = match captions.as_slice() {
        [one] if images.last().is_some_and(|i| i.caption.is_some()) => Some(one.to_string()),
        [first, rest @ ..] if captions.len() == images.len() && rest.iter().all(|c| c == first) => {
            Some(first.to_string())
        }
        _ => None,
    };
    if shared.is_some() {
        images.iter_mut().for_each(|i| i.caption = None);
    }
    Block::Gallery { images, caption: shared }
}

fn citation(paragraph: &[Inline]) -> Option<String> {
    let text = plain_text(paragraph);
    let rest = text.trim().strip_prefix(['—', '–']).or_else(|| text.trim().strip_prefix("--"))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_owned())
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
        assert_eq!(
            blocks[4],
            Block::List {
                ordered: false,
                items: vec![vec![text("one")], vec![text("two")]],
                nested: vec![],
                tasks: vec![]
            }
        );
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
                layout: None,
                link: None,
            })]
        );
    }

    #[test]
    fn addresses_not_carried_are_named_with_their_line_and_the_words_kept() {
        let cases = [("[x](javascript:alert(1))\n", 1), ("one\n\n[x](data:text/html,hi)\n", 3), ("[x]()\n", 1)];
        for (md, line) in cases {
            let c = convert(md).unwrap();
            assert_eq!(c.warnings[0].line, line, "{md:?}: {:?}", c.warnings);
            assert!(c.warnings[0].message.contains("links must be http"), "{md:?}: {:?}", c.warnings);
            assert!(matches!(c.blocks.last(), Some(Block::Paragraph { inlines }) if inlines == &[text("x")]));
        }
        let lone = convert("Note[^gone].\n").unwrap();
        assert!(lone.warnings[0].message.contains("footnote with no note"), "{:?}", lone.warnings);
        let all = convert("[a](javascript:x)\n\n[b](file:///etc/passwd)\n\n[c](vbscript:y)\n").unwrap();
        assert_eq!(all.warnings.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 3, 5], "{:?}", all.warnings);
    }

    #[test]
    fn every_picture_is_kept_and_what_is_not_carried_is_named_once_per_occurrence() {
        // No alt text: a decorative picture, named.
        let c = convert("![](/a.png)\n\n![](/a.png)\n").unwrap();
        assert!(matches!(&c.blocks[..], [Block::Image(a), Block::Image(b)] if a.alt.is_empty() && b.alt.is_empty()));
        let lines: Vec<usize> =
            c.warnings.iter().filter(|w| w.message.contains("no alt text")).map(|w| w.line).collect();
        assert_eq!(lines, [1, 3], "{:?}", c.warnings);
        // In a line of text: a figure before the paragraph, named.
        let c = convert("Text ![a](/a.png) more\n").unwrap();
        assert!(matches!(&c.blocks[0], Block::Image(i) if i.src == "/a.png"), "{:?}", c.blocks);
        assert!(matches!(&c.blocks[1], Block::Paragraph { inlines } if plain_text(inlines) == "Text  more"));
        assert!(c.warnings[0].message.contains("inside a line of text"), "{:?}", c.warnings);
        // A linked picture: a linked figure, and no empty link left in a paragraph; without
        // alt text the link cannot be named, so it is left out and said.
        let c = convert("[![A chart](/chart.png)](https://example.org/big.png)\n").unwrap();
        assert!(
            matches!(&c.blocks[..], [Block::Image(i)] if i.alt == "A chart" && i.link.as_deref() == Some("https://example.org/big.png")),
            "{:?}",
            c.blocks
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let c = convert("See [](https://example.org/nothing).\n").unwrap();
        assert!(c.warnings.iter().any(|w| w.message.contains("has no words")), "{:?}", c.warnings);
        let c = convert("[![](/chart.png)](https://example.org/big.png)\n").unwrap();
        assert!(matches!(&c.blocks[..], [Block::Image(i)] if i.link.is_none()), "{:?}", c.blocks);
        assert!(c.warnings.iter().any(|w| w.message.contains("needs alt text to name the link")), "{:?}", c.warnings);
        // In a list item: under the item's words.
        let c = convert("1. Open the menu:\n\n   ![The menu](/x.png)\n2. Two\n").unwrap();
        let Block::List { items, nested, .. } = &c.blocks[0] else { panic!("{:?}", c.blocks) };
        assert_eq!(plain_text(&items[0]), "Open the menu:");
        assert!(matches!(&nested[0][..], [Block::Image(i)] if i.src == "/x.png" && i.alt == "The menu"), "{nested:?}");
        // In a heading: no place for it, named.
        let c = convert("## A ![x](/x.png) heading\n").unwrap();
        assert!(c.warnings[0].message.contains("where a picture has no place"), "{:?}", c.warnings);
        // Raw HTML: `<p><img></p>`, `<p><a><img></a></p>`, a styled picture and `alt=""`.
        let html = "<p><img src=\"/1.jpg\" alt=\"One\" width=\"600\" height=\"400\"></p>\n<p><a href=\"/2-big.jpg\"><img src=\"/2.jpg\" alt=\"\" style=\"border:0\"></a> Words after.</p>\n<p>Before <img src=\"/3.jpg\"> after.</p>\n";
        let c = convert(html).unwrap();
        let srcs: Vec<(&str, &str)> = c
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Image(i) => Some((i.src.as_str(), i.alt.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(srcs, [("/1.jpg", "One"), ("/2.jpg", ""), ("/3.jpg", "")], "{:?}", c.blocks);
        let texts: Vec<String> = c
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { inlines } => Some(plain_text(inlines)),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["Words after.", "Before", "after."], "{:?}", c.blocks);
        let said: Vec<&str> = c.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(said.iter().any(|w| w.contains("the link around the picture \"/2.jpg\"")), "{said:?}");
        assert!(said.iter().any(|w| w.contains("<img src=\"/3.jpg\">, which has none")), "{said:?}");
        assert!(!said.iter().any(|w| w.contains("/2.jpg\">, which has none")), "alt=\"\" is decorative: {said:?}");
        // A linked picture with alt text, in a paragraph and in a figure: a linked figure.
        let c = convert("<p><a href=\"/big.jpg\"><img src=\"/1.jpg\" alt=\"One\"></a></p>\n\n<figure><a href=\"https://example.org/\"><img src=\"/2.jpg\" alt=\"Two\"></a><figcaption>Cap</figcaption></figure>\n").unwrap();
        let links: Vec<Option<&str>> = c
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Image(i) => Some(i.link.as_deref()),
                _ => None,
            })
            .collect();
        assert_eq!(links, [Some("/big.jpg"), Some("https://example.org/")], "{:?}", c.blocks);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        // WordPress's older gallery block, a list of figures: a gallery with each caption;
        // a picture in a list item of words: under the item's words.
        let html = "<ul class=\"wp-block-gallery\"><li class=\"blocks-gallery-item\"><figure><img src=\"/g1.jpg\" alt=\"A\"><figcaption>First</figcaption></figure></li><li><figure><img src=\"/g2.jpg\" alt=\"B\"></figure></li></ul>\n\n<ul><li>Words <img src=\"/li.jpg\" alt=\"C\"></li></ul>\n";
        let c = convert(html).unwrap();
        let Block::Gallery { images, .. } = &c.blocks[0] else { panic!("{:?}", c.blocks) };
        let got: Vec<(&str, Option<&str>)> = images.iter().map(|i| (i.src.as_str(), i.caption.as_deref())).collect();
        assert_eq!(got, [("/g1.jpg", Some("First")), ("/g2.jpg", None)]);
        let Block::List { items, nested, .. } = &c.blocks[1] else { panic!("{:?}", c.blocks) };
        assert_eq!(plain_text(&items[0]), "Words");
        assert!(matches!(&nested[0][..], [Block::Image(i)] if i.src == "/li.jpg"), "{nested:?}");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        // An `<img>` tag in a line of Markdown: a figure before the paragraph.
        let c = convert("See this: <img src=\"/i.png\" alt=\"An icon\" width=\"10\" height=\"10\"> there.\n").unwrap();
        assert!(matches!(&c.blocks[0], Block::Image(i) if i.src == "/i.png" && i.alt == "An icon"), "{:?}", c.blocks);
        assert!(
            matches!(&c.blocks[1], Block::Paragraph { inlines } if plain_text(inlines) == "See this:  there."),
            "{:?}",
            c.blocks
        );
        // An older WordPress caption, a definition list: a figure with its caption.
        let c = convert("<dl class=\"wp-caption aligncenter\"><dt class=\"wp-caption-dt\"><a href=\"/big.jpg\"><img src=\"/n.jpg\" alt=\"\" width=\"491\" height=\"308\"></a></dt><dd class=\"wp-caption-dd\">Such a view</dd></dl>\n").unwrap();
        assert!(
            matches!(&c.blocks[..], [Block::Image(i)] if i.src == "/n.jpg" && i.caption.as_deref() == Some("Such a view") && i.width == Some(491)),
            "{:?}",
            c.blocks
        );
        // Code in a quote, in Markdown and in HTML: the quote's words, then the code.
        // (An HTML block ends at a blank line, as CommonMark has it: the HTML quote's code
        // has none; the importers set code with blank lines apart first, see `autop`.)
        for (md, code) in [
            ("> As the manual says:\n>\n> ```rust\n> let a = 1;\n>\n> let b = 2;\n> ```\n", "let a = 1;\n\nlet b = 2;\n"),
            (
                "<blockquote><p>As the manual says:</p><pre><code class=\"language-rust\">let a = 1;\nlet b = 2;\n</code></pre></blockquote>\n",
                "let a = 1;\nlet b = 2;\n",
            ),
        ] {
            let c = convert(md).unwrap();
            assert!(matches!(&c.blocks[0], Block::Quote { paragraphs, .. } if paragraphs.len() == 1), "{md}: {:?}", c.blocks);
            let Block::Code { spans, language } = &c.blocks[1] else { panic!("{md}: {:?}", c.blocks) };
            assert_eq!(language.as_deref(), Some("rust"));
            assert_eq!(spans.iter().map(|s| s.text.as_str()).collect::<String>(), code);
            assert!(c.warnings[0].message.contains("set after"), "{md}: {:?}", c.warnings);
        }
        // Code in a definition: set after the list.
        let c = convert("Term\n: The definition:\n\n    ```sh\n    make test\n    ```\n").unwrap();
        assert!(matches!(&c.blocks[0], Block::Definitions { .. }), "{:?}", c.blocks);
        assert!(matches!(&c.blocks[1], Block::Code { language: Some(l), .. } if l == "sh"), "{:?}", c.blocks);
        // A video of the site's own: a link to its file, and the player named.
        let c = convert("<figure class=\"wp-block-video\"><video controls><source src=\"/media/clip.mp4\" type=\"video/mp4\"></video></figure>\n").unwrap();
        assert!(
            matches!(&c.blocks[..], [Block::Paragraph { inlines }] if matches!(&inlines[0], Inline::Link { href, .. } if href == "/media/clip.mp4")),
            "{:?}",
            c.blocks
        );
        assert!(c.warnings[0].message.contains("the player of a <video>"), "{:?}", c.warnings);
        // A gist's script: a link to the gist, and nothing said of the script.
        let c = convert("Like this:\n\n<script src=\"https://gist.github.com/someone/abc123.js\"></script>\n").unwrap();
        assert!(
            matches!(&c.blocks[1], Block::Paragraph { inlines } if matches!(&inlines[0], Inline::Link { href, .. } if href == "https://gist.github.com/someone/abc123")),
            "{:?}",
            c.blocks
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn addresses_not_carried_are_quoted_as_written() {
        let c = convert("[x](ftp://files.example/a)\n").unwrap();
        assert!(c.warnings[0].message.starts_with(r#"the link to "ftp://files.example/a" is not carried"#));
        let c = convert("![A](ftp://files.example/a.png)\n").unwrap();
        assert!(c.warnings[0].message.starts_with(r#"image "ftp://files.example/a.png" is not carried"#));
        assert!(c.blocks.is_empty(), "{:?}", c.blocks);
    }

    #[test]
    fn an_email_autolink_is_a_mailto_link() {
        let blocks = to_blocks("Write to <someone@example.org>.\n").unwrap();
        let Block::Paragraph { inlines: runs, .. } = &blocks[0] else { panic!("{blocks:?}") };
        assert!(
            runs.iter().any(|r| matches!(r, Inline::Link { href, .. } if href == "mailto:someone@example.org")),
            "{runs:?}"
        );
        // A URL autolink stays as it is.
        let blocks = to_blocks("See <https://example.org/a>.\n").unwrap();
        let Block::Paragraph { inlines: runs, .. } = &blocks[0] else { panic!("{blocks:?}") };
        assert!(
            runs.iter().any(|r| matches!(r, Inline::Link { href, .. } if href == "https://example.org/a")),
            "{runs:?}"
        );
    }

    #[test]
    fn definition_lists_carry_each_term_and_its_definitions() {
        let md = "\
Specifications:\n\n\
Battery\n: 5,000 mAh, *two days*\n: charges in 40 minutes\n\n\
Weight\n\n: 190 g\n\n  with the case, 230 g\n";
        let c = convert(md).unwrap();
        assert_eq!(c.blocks.len(), 2, "{:?}", c.blocks);
        assert_eq!(
            c.blocks[1],
            Block::Definitions {
                terms: vec![
                    Definition {
                        term: vec![text("Battery")],
                        details: vec![
                            vec![text("5,000 mAh, "), Inline::Emphasis { children: vec![text("two days")] }],
                            vec![text("charges in 40 minutes")],
                        ],
                    },
                    Definition { term: vec![text("Weight")], details: vec![vec![text("190 g with the case, 230 g")]] },
                ]
            }
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(masthead_model::text::block_text(&c.blocks[1]).contains("charges in 40 minutes"));
    }

    #[test]
    fn code_tables_footnotes_tasks_rules_and_nesting() {
        let md = "\
Intro[^1] and ~~old~~ news.\n\n\
```rust\nfn main() {}\n```\n\n\
| Phone | Price |\n|:--|--:|\n| *A* | 1 |\n\n\
---\n\n\
- [x] done\n- [ ] todo\n  - inner\n\n\
[^1]: The note, with **weight**.\n";
        let c = convert(md).unwrap();
        let b = &c.blocks;
        assert_eq!(
            b[0],
            Block::Paragraph {
                inlines: vec![
                    text("Intro"),
                    Inline::FootnoteRef { id: "1".into(), number: 1 },
                    text(" and "),
                    Inline::Strikethrough { children: vec![text("old")] },
                    text(" news."),
                ]
            }
        );
        assert!(matches!(&b[1], Block::Code { language: Some(l), spans } if l == "rust"
            && spans.iter().map(|s| s.text.as_str()).collect::<String>() == "fn main() {}\n"
            && spans.iter().any(|s| s.class.as_deref() == Some("keyword"))));
        assert_eq!(
            b[2],
            Block::Table {
                align: vec![Align::Left, Align::Right],
                head: vec![vec![text("Phone")], vec![text("Price")]],
                rows: vec![vec![vec![Inline::Emphasis { children: vec![text("A")] }], vec![text("1")]]],
                row_headers: false,
            }
        );
        assert_eq!(b[3], Block::Rule);
        let Block::List { items, nested, tasks, .. } = &b[4] else { panic!("{:?}", b[4]) };
        assert_eq!(items, &[vec![text("done")], vec![text("todo")]]);
        assert_eq!(tasks, &[Some(true), Some(false)]);
        assert!(matches!(&nested[1][..], [Block::List { items, .. }] if items == &[vec![text("inner")]]));
        assert_eq!(
            b[5],
            Block::Footnotes {
                notes: vec![Footnote {
                    id: "1".into(),
                    number: 1,
                    inlines: vec![
                        text("The note, with "),
                        Inline::Strong { children: vec![text("weight")] },
                        text(".")
                    ]
                }]
            }
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn raw_html_inline_and_block_is_mapped_and_what_is_dropped_is_named() {
        let md = "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <span>kept</span> \
<script>alert(1)</script>done.\n\n<!--more-->\n\n<div onclick=\"x()\"><p>From <b>HTML</b></p></div>\n\n# A big heading\n\n## Smaller\n";
        let c = convert(md).unwrap();
        assert_eq!(
            c.blocks[0],
            Block::Paragraph {
                inlines: vec![
                    text("Press "),
                    Inline::Keyboard { text: "Ctrl".into() },
                    text("+"),
                    Inline::Keyboard { text: "C".into() },
                    text(", H"),
                    Inline::Subscript { children: vec![text("2")] },
                    text("O, x"),
                    Inline::Superscript { children: vec![text("2")] },
                    text(", kept done."),
                ]
            }
        );
        assert_eq!(c.teaser.as_deref(), Some("Press Ctrl+C, H2O, x2, kept done."));
        assert_eq!(
            c.blocks[1],
            Block::Paragraph { inlines: vec![text("From "), Inline::Strong { children: vec![text("HTML")] }] }
        );
        // The `#` heading moved every heading down one level.
        assert!(matches!(&c.blocks[2], Block::Heading { level: 2, id, .. } if id == "a-big-heading"));
        assert!(matches!(&c.blocks[3], Block::Heading { level: 3, .. }));
        let warnings: Vec<&str> = c.warnings.iter().map(|w| w.message.as_str()).collect();
        for needle in ["<span>", "<script>", "<div>", "onclick", "`#` heading"] {
            assert!(warnings.iter().any(|w| w.contains(needle)), "{needle}: {warnings:?}");
        }
        assert!(!serde_json::to_string(&c.blocks).unwrap().contains("alert"));
    }

    #[test]
    fn provider_addresses_alone_and_their_iframes_become_embeds() {
        let md = "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n<https://vimeo.com/76979871>\n\n\
See https://youtu.be/dQw4w9WgXcQ for more.\n\n\
<iframe src=\"https://www.youtube.com/embed/abcdefghijk\" title=\"Our review\"></iframe>\n\n\
<iframe src=\"https://charts.example/c/1\"></iframe>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n";
        let c = convert_with(md, &["https://charts.example".to_owned()]).unwrap();
        let embeds: Vec<(&str, &str)> = c
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Embed(e) => Some((e.provider.as_str(), e.title.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            embeds,
            [
                ("youtube", "Video on YouTube"),
                ("vimeo", "Video on Vimeo"),
                ("youtube", "Our review"),
                ("iframe", "Content from charts.example")
            ]
        );
        // A link inside a sentence stays a link.
        assert!(matches!(&c.blocks[2], Block::Paragraph { .. }));
        assert!(c.warnings.iter().any(|w| w.message.contains("evil.example")), "{:?}", c.warnings);
    }

    #[test]
    fn images_in_a_row_words_after_an_image_and_fragments_that_are_not_layouts() {
        // Each image keeps its own caption when they differ.
        let blocks = to_blocks("![One](/1.jpg \"First\")\n![Two](/2.jpg \"Second\")\n").unwrap();
        let Block::Gallery { images, caption } = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(caption, &None);
        assert_eq!(images.iter().map(|i| i.caption.as_deref()).collect::<Vec<_>>(), [Some("First"), Some("Second")]);
        // Words after an image keep their own paragraph; a fragment that names no layout
        // stays in the address.
        let blocks = to_blocks("![A map](/map.svg#harbour)\n*The harbour in 1900.*\n").unwrap();
        assert!(matches!(&blocks[0], Block::Image(i) if i.src == "/map.svg#harbour" && i.layout.is_none()));
        assert!(matches!(&blocks[1], Block::Paragraph { inlines } if plain_text(inlines) == "The harbour in 1900."));
        // Words before an image: the image is set before the paragraph.
        let blocks = to_blocks("See ![A map](/map.svg)\n").unwrap();
        assert!(matches!(&blocks[0], Block::Image(i) if i.src == "/map.svg"));
        // A quote is a pull quote only with the marker; the marker's case does not matter.
        let blocks = to_blocks("> [!pullquote] Big words.\n\n> Plain words.\n").unwrap();
        assert_eq!(blocks[0], Block::PullQuote { inlines: vec![Inline::text("Big words.")], cite: None });
        assert!(matches!(&blocks[1], Block::Quote { .. }));
    }
}
