//! Which stories the app fetches before the reader asks: a story whose link the reader
//! points at, focuses, or has had on screen for a moment, so that following the link only
//! renders. Within a budget per visit (files and bytes), never twice, and not at all on a
//! connection the reader pays for or asked to spare.

use std::collections::BTreeSet;

/// Stories fetched ahead per visit, at most.
pub const MAX_FILES: usize = 12;
/// Bytes (as the files' text) fetched ahead per visit, at most: about a dozen stories.
pub const MAX_BYTES: usize = 400 * 1024;
/// How long a link stays on screen before its story is fetched.
pub const ON_SCREEN_MS: u64 = 1000;

/// Why a story is fetched ahead: what the reader did with its link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// Pointed at or pressed (the strongest sign).
    Pointer,
    /// Focused from the keyboard.
    Focus,
    /// On screen for a moment.
    Visible,
}

/// What the connection says about itself (`navigator.connection`, where the browser has it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connection {
    /// The reader asked to save data (`saveData`).
    pub save_data: bool,
    /// `type`: "cellular" is taken as metered.
    pub kind: Option<String>,
    /// `effectiveType`: "slow-2g", "2g", "3g", "4g".
    pub effective: Option<String>,
}

impl Connection {
    /// Whether fetching ahead is allowed at all on it.
    pub fn allows_prefetch(&self) -> bool {
        !self.save_data
            && self.kind.as_deref() != Some("cellular")
            && !matches!(self.effective.as_deref(), Some("slow-2g" | "2g"))
    }
}

/// The visit's budget: what was asked for and how much arrived.
#[derive(Clone, Debug, Default)]
pub struct Budget {
    asked: BTreeSet<String>,
    bytes: usize,
}

impl Budget {
    /// Whether to fetch the story `slug` ahead now; if so, it counts as asked for. Links
    /// only on screen are fetched while less than half the budget is spent, so that the
    /// stories the reader points at always have room.
    pub fn ask(&mut self, slug: &str, cause: Cause, connection: &Connection) -> bool {
        if !connection.allows_prefetch() || self.asked.contains(slug) || !self.has_room(cause) {
            return false;
        }
        self.asked.insert(slug.to_owned());
        true
    }

    /// Whether a story fetched for `cause` would still fit.
    pub fn has_room(&self, cause: Cause) -> bool {
        let (files, bytes) = match cause {
            Cause::Pointer | Cause::Focus => (MAX_FILES, MAX_BYTES),
            Cause::Visible => (MAX_FILES / 2, MAX_BYTES / 2),
        };
        self.asked.len() < files && self.bytes < bytes
    }

    /// A story fetched ahead arrived with `bytes` of text.
    pub fn arrived(&mut self, bytes: usize) {
        self.bytes = self.bytes.saturating_add(bytes);
    }

    /// Stories asked for and bytes arrived so far.
    pub fn spent(&self) -> (usize, usize) {
        (self.asked.len(), self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Connection {
        Connection::default()
    }

    #[test]
    fn a_story_is_fetched_ahead_once() {
        let mut budget = Budget::default();
        assert!(budget.ask("a", Cause::Pointer, &open()));
        assert!(!budget.ask("a", Cause::Pointer, &open()));
        assert!(!budget.ask("a", Cause::Visible, &open()));
        assert!(budget.ask("b", Cause::Focus, &open()));
        assert_eq!(budget.spent(), (2, 0));
    }

    #[test]
    fn the_budget_caps_files_and_bytes() {
        let mut budget = Budget::default();
        for i in 0..MAX_FILES {
            assert!(budget.ask(&format!("s{i}"), Cause::Pointer, &open()), "{i}");
        }
        assert!(!budget.ask("one-more", Cause::Pointer, &open()));
        let mut budget = Budget::default();
        assert!(budget.ask("big", Cause::Pointer, &open()));
        budget.arrived(MAX_BYTES);
        assert!(!budget.ask("next", Cause::Pointer, &open()));
    }

    #[test]
    fn links_only_on_screen_leave_room_for_what_the_reader_points_at() {
        let mut budget = Budget::default();
        let visible = (0..MAX_FILES).filter(|i| budget.ask(&format!("v{i}"), Cause::Visible, &open())).count();
        assert_eq!(visible, MAX_FILES / 2);
        assert!(!budget.has_room(Cause::Visible) && budget.has_room(Cause::Pointer));
        assert!(budget.ask("pointed", Cause::Pointer, &open()));
        let mut budget = Budget::default();
        assert!(budget.ask("v", Cause::Visible, &open()));
        budget.arrived(MAX_BYTES / 2);
        assert!(!budget.ask("w", Cause::Visible, &open()));
        assert!(budget.ask("w", Cause::Pointer, &open()));
    }

    #[test]
    fn nothing_is_fetched_ahead_on_a_connection_to_spare() {
        for connection in [
            Connection { save_data: true, ..open() },
            Connection { kind: Some("cellular".into()), ..open() },
            Connection { effective: Some("2g".into()), ..open() },
            Connection { effective: Some("slow-2g".into()), ..open() },
        ] {
            assert!(!Budget::default().ask("a", Cause::Pointer, &connection), "{connection:?}");
        }
        let fine = Connection { kind: Some("wifi".into()), effective: Some("4g".into()), save_data: false };
        assert!(Budget::default().ask("a", Cause::Pointer, &fine));
        assert!(Budget::default().ask("a", Cause::Pointer, &Connection { effective: Some("3g".into()), ..open() }));
    }
}
