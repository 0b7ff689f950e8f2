//! The signups waiting to be delivered, kept in the reader's browser (localStorage) so a
//! network failure, a busy provider or a closed tab loses nothing.
//!
//! Every signup carries an idempotency key chosen once, when the reader submits. Each
//! attempt sends the same key, and a key that was delivered is remembered (for as long as
//! signups are kept) and never sent again.

use serde::{Deserialize, Serialize};

use super::{Outcome, Signup};

/// A signup not delivered within a week is dropped: the reader has long moved on.
pub const EXPIRY_MS: u64 = 7 * 24 * 3600 * 1000;
/// The first retry waits up to this long; each further one doubles the window.
pub const BASE_BACKOFF_MS: u64 = 2_000;
/// The longest window between two attempts.
pub const MAX_BACKOFF_MS: u64 = 5 * 60 * 1000;
/// How long an attempt holds its entry, so another tab does not send it at the same time.
/// Longer than the request timeout.
pub const LEASE_MS: u64 = 30_000;

/// One signup waiting for delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    pub key: String,
    pub signup: Signup,
    pub created_ms: u64,
    #[serde(default)]
    pub attempts: u32,
    /// Not sent before this time.
    #[serde(default)]
    pub next_ms: u64,
    /// An attempt is under way until this time.
    #[serde(default)]
    pub lease_ms: u64,
    /// Why the last attempt failed, for the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// A key that was delivered, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivered {
    pub key: String,
    pub at_ms: u64,
}

/// How long to wait before attempt `attempts + 1`: "full jitter", a uniformly random time
/// in a window that doubles with each failure up to [`MAX_BACKOFF_MS`]; `random` is in
/// [0, 1). At least one second.
pub fn backoff_ms(attempts: u32, random: f64) -> u64 {
    crate::retry::full_jitter_ms(attempts, random, BASE_BACKOFF_MS, MAX_BACKOFF_MS).clamp(1_000, MAX_BACKOFF_MS)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    #[serde(default)]
    pub pending: Vec<Queued>,
    #[serde(default)]
    pub delivered: Vec<Delivered>,
}

impl Queue {
    /// Reads the stored queue. Text that is not a queue (another version, a damaged entry)
    /// gives an empty queue rather than an error: nothing can be done with it.
    pub fn parse(text: &str) -> Queue {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn was_delivered(&self, key: &str) -> bool {
        self.delivered.iter().any(|d| d.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Queued> {
        self.pending.iter().find(|q| q.key == key)
    }

    /// Puts a new signup in the queue and returns the key it travels under. The same
    /// address already waiting keeps its key (with the newer choices), so a reader who
    /// submits twice is still subscribed once. A key already delivered is not queued again.
    pub fn add(&mut self, signup: Signup, key: &str, now_ms: u64) -> String {
        if let Some(existing) = self.pending.iter_mut().find(|q| q.signup.email.eq_ignore_ascii_case(&signup.email)) {
            existing.signup = signup;
            return existing.key.clone();
        }
        if !self.was_delivered(key) {
            self.pending.push(Queued {
                key: key.to_owned(),
                signup,
                created_ms: now_ms,
                attempts: 0,
                next_ms: now_ms,
                lease_ms: 0,
                last_error: None,
            });
        }
        key.to_owned()
    }

    /// Drops what is older than [`EXPIRY_MS`]; returns how many waiting signups expired.
    pub fn expire(&mut self, now_ms: u64) -> usize {
        let before = self.pending.len();
        self.pending.retain(|q| now_ms.saturating_sub(q.created_ms) < EXPIRY_MS);
        self.delivered.retain(|d| now_ms.saturating_sub(d.at_ms) < EXPIRY_MS);
        before - self.pending.len()
    }

    /// The entries to send now, each leased for [`LEASE_MS`]; save the queue before sending.
    pub fn take_due(&mut self, now_ms: u64) -> Vec<Queued> {
        self.expire(now_ms);
        let delivered: Vec<String> = self.delivered.iter().map(|d| d.key.clone()).collect();
        self.pending.retain(|q| !delivered.contains(&q.key));
        let mut due = Vec::new();
        for q in &mut self.pending {
            if q.next_ms <= now_ms && q.lease_ms <= now_ms {
                q.lease_ms = now_ms + LEASE_MS;
                due.push(q.clone());
            }
        }
        due
    }

    /// Records how an attempt went: delivered (removed, and the key never sent again),
    /// refused for good (removed), or to be tried again after a backoff. `random` in
    /// [0, 1) sets the jitter of the next wait.
    pub fn record(&mut self, key: &str, outcome: &Outcome, now_ms: u64, random: f64) {
        match outcome {
            Outcome::Rejected { .. } => self.pending.retain(|q| q.key != key),
            Outcome::Retry { after_ms, reason } => {
                if let Some(q) = self.pending.iter_mut().find(|q| q.key == key) {
                    q.attempts = q.attempts.saturating_add(1);
                    let wait = backoff_ms(q.attempts, random).max(after_ms.unwrap_or(0));
                    q.next_ms = now_ms.saturating_add(wait);
                    q.lease_ms = 0;
                    q.last_error = Some(reason.clone());
                }
            }
            Outcome::Confirm | Outcome::Subscribed | Outcome::AlreadySubscribed | Outcome::Sent => {
                self.pending.retain(|q| q.key != key);
                if !self.was_delivered(key) {
                    self.delivered.push(Delivered { key: key.to_owned(), at_ms: now_ms });
                }
            }
        }
    }

    /// The browser is back online: everything waiting may be tried now.
    pub fn wake(&mut self, now_ms: u64) {
        for q in &mut self.pending {
            q.next_ms = q.next_ms.min(now_ms);
        }
    }

    /// When the next entry falls due (its lease counts too).
    pub fn next_due_ms(&self) -> Option<u64> {
        self.pending.iter().map(|q| q.next_ms.max(q.lease_ms)).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn signup(email: &str) -> Signup {
        Signup { email: email.into(), first_name: None, topics: vec!["breaking".into()], consent_at: "t".into() }
    }

    fn retry() -> Outcome {
        Outcome::Retry { after_ms: None, reason: "HTTP 500".into() }
    }

    #[test]
    fn a_signup_is_sent_until_delivered_then_never_again() {
        let mut q = Queue::default();
        assert_eq!(q.add(signup("a@example.com"), "k1", 1_000), "k1");
        let due = q.take_due(1_000);
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].key, "k1");
        assert!(q.take_due(1_001).is_empty(), "leased while an attempt is under way");
        q.record("k1", &retry(), 2_000, 0.5);
        assert_eq!(q.pending[0].attempts, 1);
        assert_eq!(q.pending[0].last_error.as_deref(), Some("HTTP 500"));
        let next = q.next_due_ms().unwrap();
        assert!(next > 2_000);
        assert!(q.take_due(next - 1).is_empty());
        assert_eq!(q.take_due(next).len(), 1);
        q.record("k1", &Outcome::Sent, next + 10, 0.5);
        assert!(q.pending.is_empty());
        assert!(q.was_delivered("k1"));
        // The same key again (a stale tab, a reload) is not queued.
        q.add(signup("a@example.com"), "k1", next + 20);
        assert!(q.take_due(next + 20).is_empty());
    }

    #[test]
    fn the_same_address_travels_under_one_key() {
        let mut q = Queue::default();
        q.add(signup("a@example.com"), "k1", 0);
        let mut again = signup("A@Example.com");
        again.topics = vec!["deals".into()];
        assert_eq!(q.add(again, "k2", 10), "k1");
        assert_eq!(q.pending.len(), 1);
        assert_eq!(q.pending[0].signup.topics, ["deals"]);
        q.add(signup("b@example.com"), "k3", 20);
        assert_eq!(q.pending.len(), 2);
    }

    #[test]
    fn refusals_are_dropped_and_not_remembered_as_delivered() {
        let mut q = Queue::default();
        q.add(signup("a@example.com"), "k1", 0);
        q.take_due(0);
        q.record("k1", &Outcome::Rejected { field: None, message: "no".into() }, 5, 0.5);
        assert!(q.pending.is_empty());
        assert!(!q.was_delivered("k1"));
    }

    #[test]
    fn entries_expire_after_seven_days() {
        let mut q = Queue::default();
        q.add(signup("a@example.com"), "old", 0);
        q.add(signup("b@example.com"), "new", EXPIRY_MS / 2);
        q.record("gone", &Outcome::Sent, 0, 0.5);
        assert_eq!(q.expire(EXPIRY_MS), 1);
        assert_eq!(q.pending.len(), 1);
        assert_eq!(q.pending[0].key, "new");
        assert!(!q.was_delivered("gone"));
        assert!(q.take_due(EXPIRY_MS + EXPIRY_MS / 2).is_empty(), "expired before it was due");
    }

    #[test]
    fn retry_after_is_respected_and_online_wakes_everything() {
        let mut q = Queue::default();
        q.add(signup("a@example.com"), "k1", 0);
        q.take_due(0);
        q.record("k1", &Outcome::Retry { after_ms: Some(60_000), reason: "429".into() }, 0, 0.0);
        assert_eq!(q.next_due_ms(), Some(60_000));
        q.wake(5_000);
        assert_eq!(q.take_due(5_000).len(), 1);
    }

    #[test]
    fn a_lease_that_runs_out_lets_another_tab_send() {
        let mut q = Queue::default();
        q.add(signup("a@example.com"), "k1", 0);
        q.take_due(0);
        // The tab that leased it was closed mid-request; the next visit sends it again.
        assert_eq!(q.take_due(LEASE_MS).len(), 1);
    }

    #[test]
    fn stored_text_round_trips_and_damage_gives_an_empty_queue() {
        let mut q = Queue::default();
        q.add(signup("a@example.com"), "k1", 7);
        q.record("k0", &Outcome::Sent, 3, 0.5);
        assert_eq!(Queue::parse(&q.to_json()), q);
        assert_eq!(Queue::parse("{not json"), Queue::default());
        assert_eq!(Queue::parse(r#"{"pending":[{"key":1}]}"#), Queue::default());
        assert_eq!(Queue::parse("{}"), Queue::default());
    }

    #[test]
    fn backoff_windows_double_up_to_the_cap() {
        assert_eq!(backoff_ms(1, 0.999_999), 1_999);
        assert_eq!(backoff_ms(2, 0.999_999), 3_999);
        assert_eq!(backoff_ms(3, 0.5), 4_000);
        assert_eq!(backoff_ms(1, 0.0), 1_000, "at least a second");
        assert_eq!(backoff_ms(40, 1.0), MAX_BACKOFF_MS);
        assert_eq!(backoff_ms(5, f64::NAN), 16_000);
    }

    proptest! {
        #[test]
        fn backoff_stays_in_its_window(attempts in 0u32..100, random in 0.0f64..1.0) {
            let wait = backoff_ms(attempts, random);
            prop_assert!(wait >= 1_000);
            prop_assert!(wait <= MAX_BACKOFF_MS);
        }

        /// Whatever happens to the attempts, a key is delivered at most once and every
        /// signup ends delivered, refused, expired or still waiting.
        #[test]
        fn each_key_is_delivered_at_most_once(steps in proptest::collection::vec((0u8..4, 0u64..200_000, 0.0f64..1.0), 1..60)) {
            let mut q = Queue::default();
            let mut now = 0u64;
            let mut deliveries = std::collections::HashMap::<String, u32>::new();
            for (i, (action, advance, random)) in steps.into_iter().enumerate() {
                now += advance;
                match action {
                    0 => { q.add(signup(&format!("r{}@example.com", i % 3)), &format!("k{i}"), now); }
                    _ => {
                        for entry in q.take_due(now) {
                            let delivery = match action { 1 => Outcome::Sent, 2 => retry(), _ => Outcome::Rejected { field: None, message: "no".into() } };
                            if delivery == Outcome::Sent {
                                *deliveries.entry(entry.key.clone()).or_default() += 1;
                            }
                            q.record(&entry.key, &delivery, now, random);
                        }
                    }
                }
                prop_assert!(deliveries.values().all(|n| *n == 1));
                let mut keys: Vec<&str> = q.pending.iter().map(|p| p.key.as_str()).collect();
                keys.sort_unstable();
                keys.dedup();
                prop_assert_eq!(keys.len(), q.pending.len());
            }
        }
    }
}
