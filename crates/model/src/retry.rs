//! When to try a request again, and after how long: the policy shared by the app's fetch
//! layer (the JSON contract) and the newsletter's delivery queue.

/// How an attempt failed, as far as retrying goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No answer: the connection failed or was reset.
    Network,
    /// No answer in time.
    Timeout,
    /// An answer with this status.
    Status(u16),
}

impl Failure {
    /// Worth trying again: the network, a timeout, a server error or "too many requests".
    /// Never another 4xx: asking again gets the same answer.
    pub fn is_transient(self) -> bool {
        match self {
            Failure::Network | Failure::Timeout => true,
            Failure::Status(status) => status == 429 || (500..600).contains(&status),
        }
    }
}

/// "Full jitter": a uniformly random wait in a window that starts at `base_ms` and doubles
/// with each failure (`failures` so far, at least 1) up to `cap_ms`. `random` is in [0, 1).
pub fn full_jitter_ms(failures: u32, random: f64, base_ms: u64, cap_ms: u64) -> u64 {
    let window = base_ms.saturating_mul(1u64 << failures.saturating_sub(1).min(30)).min(cap_ms);
    let random = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.5 };
    // Truncation is intended: a whole number of milliseconds within the window.
    (window as f64 * random) as u64
}

/// The fetch layer's policy: at most `attempts` tries, all within `budget_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub attempts: u32,
    pub budget_ms: u64,
    pub base_ms: u64,
    pub cap_ms: u64,
}

impl Policy {
    /// After `failures` failed attempts, the last failing with `failure`, `elapsed_ms`
    /// into the budget: how long to wait before the next attempt, or `None` to give up
    /// and report the failure.
    pub fn next_wait(&self, failure: Failure, failures: u32, elapsed_ms: u64, random: f64) -> Option<u64> {
        if !failure.is_transient() || failures >= self.attempts {
            return None;
        }
        let wait = full_jitter_ms(failures, random, self.base_ms, self.cap_ms);
        // A retry needs time left for an answer, not just for the wait.
        (elapsed_ms.saturating_add(wait).saturating_add(self.base_ms) < self.budget_ms).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const POLICY: Policy = Policy { attempts: 3, budget_ms: 15_000, base_ms: 500, cap_ms: 4_000 };

    #[test]
    fn only_transient_failures_are_retried() {
        for f in [Failure::Network, Failure::Timeout, Failure::Status(500), Failure::Status(503), Failure::Status(429)]
        {
            assert!(f.is_transient(), "{f:?}");
            assert!(POLICY.next_wait(f, 1, 0, 0.5).is_some(), "{f:?}");
        }
        for f in [
            Failure::Status(400),
            Failure::Status(401),
            Failure::Status(403),
            Failure::Status(404),
            Failure::Status(410),
            Failure::Status(200),
            Failure::Status(600),
        ] {
            assert!(!f.is_transient(), "{f:?}");
            assert_eq!(POLICY.next_wait(f, 1, 0, 0.5), None, "{f:?}");
        }
    }

    #[test]
    fn attempts_and_the_budget_end_the_retries() {
        assert!(POLICY.next_wait(Failure::Network, 2, 0, 0.5).is_some());
        assert_eq!(POLICY.next_wait(Failure::Network, 3, 0, 0.5), None);
        // A timeout that used up the budget is not tried again.
        assert_eq!(POLICY.next_wait(Failure::Timeout, 1, 15_000, 0.0), None);
        assert_eq!(POLICY.next_wait(Failure::Network, 1, 14_600, 0.0), None);
    }

    #[test]
    fn windows_double_up_to_the_cap() {
        assert_eq!(full_jitter_ms(1, 1.0, 500, 4_000), 500);
        assert_eq!(full_jitter_ms(2, 1.0, 500, 4_000), 1_000);
        assert_eq!(full_jitter_ms(4, 1.0, 500, 4_000), 4_000);
        assert_eq!(full_jitter_ms(40, 1.0, 500, 4_000), 4_000);
        assert_eq!(full_jitter_ms(3, 0.0, 500, 4_000), 0);
        assert_eq!(full_jitter_ms(3, f64::NAN, 500, 4_000), 1_000);
    }

    proptest! {
        #[test]
        fn waits_stay_in_their_window_and_inside_the_budget(
            failures in 0u32..50, elapsed in 0u64..20_000, random in 0.0f64..1.0, status in 0u16..700,
        ) {
            let wait = full_jitter_ms(failures, random, 500, 4_000);
            prop_assert!(wait <= 4_000);
            if let Some(wait) = POLICY.next_wait(Failure::Status(status), failures, elapsed, random) {
                prop_assert!(Failure::Status(status).is_transient());
                prop_assert!(elapsed + wait < POLICY.budget_ms);
                prop_assert!(failures < POLICY.attempts);
            }
        }
    }
}
