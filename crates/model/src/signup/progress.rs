//! Where one signup stands, and what its form tells the reader about it.

use super::Outcome;

/// Where a signup stands once it has been submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Sending,
    /// Not delivered yet; kept and sent again automatically (`stored`: in the browser's
    /// storage, so closing the page loses nothing).
    Waiting {
        reason: String,
        stored: bool,
    },
    /// What the provider said: delivered, or refused for good.
    Finished(Outcome),
}

/// How a status line looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Busy,
    Waiting,
    Done,
    Error,
}

/// Said when the site has no working newsletter provider.
pub const NOT_OPEN: &str = "Newsletter signups are not open yet on this site. Please come back soon.";

impl Progress {
    /// A signup refused before it was sent, with the reason.
    pub fn refused(message: impl Into<String>) -> Self {
        Progress::Finished(Outcome::Rejected { field: None, message: message.into() })
    }

    /// The status line under the form; `address` is the email address the reader typed.
    pub fn status(&self, address: &str) -> (Tone, String) {
        match self {
            Progress::Sending => (Tone::Busy, "Signing you up…".to_owned()),
            Progress::Waiting { reason, stored: true } => (
                Tone::Waiting,
                format!(
                    "Not sent yet: {reason}. Your signup is saved on this device and will be sent \
                     automatically when the connection is back, even if you close this page."
                ),
            ),
            Progress::Waiting { reason, stored: false } => (
                Tone::Waiting,
                format!("Not sent yet: {reason}. It will be sent automatically while this page stays open."),
            ),
            Progress::Finished(Outcome::Confirm) => {
                (Tone::Done, format!("Almost done: check your inbox at {address} and click the link to confirm."))
            }
            Progress::Finished(Outcome::Subscribed) => (Tone::Done, "You're subscribed. Welcome aboard!".to_owned()),
            Progress::Finished(Outcome::AlreadySubscribed) => {
                (Tone::Done, format!("You're already subscribed with {address}."))
            }
            Progress::Finished(Outcome::Rejected { message, .. }) => (Tone::Error, message.clone()),
            Progress::Finished(_) => {
                (Tone::Done, "Thank you! If this address is new to us, a confirmation email is on its way.".to_owned())
            }
        }
    }

    /// Whether the reader may ask for another try (and what the button says).
    pub fn retry_label(&self) -> Option<&'static str> {
        match self {
            Progress::Waiting { .. } => Some("Send now"),
            Progress::Finished(Outcome::Rejected { .. }) => Some("Retry"),
            _ => None,
        }
    }

    /// The submit button's text for a form whose signup stands here (`None`: not sent).
    pub fn button_label(progress: Option<&Progress>) -> &'static str {
        match progress {
            Some(Progress::Sending) => "Signing up…",
            Some(Progress::Finished(outcome)) if outcome.delivered() => "Sign up again",
            _ => "Sign up",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_has_its_words() {
        let waiting = |stored| Progress::Waiting { reason: "the network is down".into(), stored };
        assert_eq!(Progress::Sending.status("a@b.example"), (Tone::Busy, "Signing you up…".to_owned()));
        assert!(waiting(true).status("").1.contains("saved on this device"));
        assert!(waiting(false).status("").1.contains("while this page stays open"));
        let confirm = Progress::Finished(Outcome::Confirm);
        assert_eq!(
            confirm.status("ada@example.com").1,
            "Almost done: check your inbox at ada@example.com and click the link to confirm."
        );
        assert_eq!(Progress::refused(NOT_OPEN).status(""), (Tone::Error, NOT_OPEN.to_owned()));
        assert_eq!(Progress::Finished(Outcome::Sent).status("").0, Tone::Done);
        assert_eq!(waiting(true).retry_label(), Some("Send now"));
        assert_eq!(Progress::refused("no").retry_label(), Some("Retry"));
        assert_eq!(confirm.retry_label(), None);
        assert_eq!(Progress::button_label(None), "Sign up");
        assert_eq!(Progress::button_label(Some(&Progress::Sending)), "Signing up…");
        assert_eq!(Progress::button_label(Some(&confirm)), "Sign up again");
        assert_eq!(Progress::button_label(Some(&Progress::refused("no"))), "Sign up");
    }
}
