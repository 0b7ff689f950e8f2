//! "You might also like…": choosing related posts when the site is built.

use std::cmp::Reverse;

use crate::contract::Summary;

/// How closely a candidate relates to a post, compared field by field: shared tags
/// first, then the same category, then shared authors, then how recent it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relatedness {
    pub shared_tags: usize,
    pub same_category: bool,
    pub shared_authors: usize,
    pub published: i64,
}

pub fn relatedness(post: &Summary, candidate: &Summary) -> Relatedness {
    let shared = |a: &[crate::Term], b: &[crate::Term]| a.iter().filter(|t| b.iter().any(|u| u.slug == t.slug)).count();
    Relatedness {
        shared_tags: shared(&post.tags, &candidate.tags),
        same_category: post.category.slug == candidate.category.slug,
        shared_authors: shared(&post.authors, &candidate.authors),
        published: candidate.published.unix(),
    }
}

/// The `n` posts most related to `post`, most related first; never the post itself.
pub fn related<'a>(post: &Summary, candidates: &'a [Summary], n: usize) -> Vec<&'a Summary> {
    let mut scored: Vec<(Relatedness, &Summary)> =
        candidates.iter().filter(|c| c.slug != post.slug).map(|c| (relatedness(post, c), c)).collect();
    scored.sort_by_key(|&(score, c)| (Reverse(score), c.slug.as_str()));
    scored.dedup_by(|a, b| a.1.slug == b.1.slug);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::post;
    use crate::Term;

    fn term(s: &str) -> Term {
        Term { slug: s.into(), name: s.into() }
    }

    #[test]
    fn tags_outrank_category_outrank_authors_outrank_recency() {
        let mut me = post("me", "2024-01-01T00:00:00Z");
        me.tags = vec![term("ai"), term("chips")];
        me.authors = vec![term("ada")];
        let mut by_tags = post("tags", "2020-01-01T00:00:00Z");
        by_tags.tags = vec![term("ai"), term("chips")];
        by_tags.category = term("opinion");
        let mut one_tag = post("one-tag", "2020-01-01T00:00:00Z");
        one_tag.tags = vec![term("ai")];
        one_tag.category = term("opinion");
        let same_category = post("category", "2019-01-01T00:00:00Z");
        let mut by_author = post("author", "2018-01-01T00:00:00Z");
        by_author.category = term("deals");
        by_author.authors = vec![term("ada")];
        let mut newest = post("newest", "2025-01-01T00:00:00Z");
        newest.category = term("deals");
        let all = vec![newest, by_author, same_category, one_tag, by_tags, me.clone()];
        let chosen: Vec<&str> = related(&me, &all, 10).iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(chosen, ["tags", "one-tag", "category", "author", "newest"]);
        assert_eq!(related(&me, &all, 3).len(), 3);
    }

    #[test]
    fn never_the_post_itself() {
        let me = post("me", "2024-01-01T00:00:00Z");
        assert!(related(&me, &[me.clone(), me.clone()], 3).is_empty());
    }
}
