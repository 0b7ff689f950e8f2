//! What Markdown and raw HTML build their blocks with alike: text runs trimmed and
//! merged, and a pull quote from a quote's paragraphs.

use masthead_model::{Block, Inline};

/// Drops leading and trailing whitespace-only text runs and merges adjacent text.
pub fn trim_runs(runs: Vec<Inline>) -> Vec<Inline> {
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

/// A pull quote from a quote's paragraphs (joined by line breaks) and citation.
pub fn pull_quote(paragraphs: Vec<Vec<Inline>>, cite: Option<String>) -> Block {
    let mut inlines = Vec::new();
    for (i, p) in paragraphs.into_iter().enumerate() {
        if i > 0 {
            inlines.push(Inline::LineBreak);
        }
        inlines.extend(p);
    }
    Block::PullQuote { inlines, cite }
}
