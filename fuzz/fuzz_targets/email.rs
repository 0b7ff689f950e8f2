//! Email addresses as readers type them: checked, normalised and given a typo hint without
//! a panic; a hint is itself a valid address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_model::signup::email::{check_email, normalise_email, suggest_email};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let email = normalise_email(text);
    assert_eq!(normalise_email(&email), email, "normalising twice changes nothing");
    let _ = check_email(&email);
    if let Some(hint) = suggest_email(&email) {
        assert!(check_email(&hint).is_ok(), "{email:?} -> {hint:?}");
    }
});
