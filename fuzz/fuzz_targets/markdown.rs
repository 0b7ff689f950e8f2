//! A post body in Markdown converted to blocks: converted or refused with line numbers,
//! never a panic; what it gives renders to plain text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match masthead_builder::content::body::markdown::convert(text) {
        Ok(converted) => {
            let _ = masthead_model::text::reading_minutes(&converted.blocks);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refusal names at least one problem");
            for e in errors {
                assert!(e.line >= 1, "an error names a line: {}", e.message);
            }
        }
    }
});
