//! Any path in the address bar gives a route, never a panic; an article's route is the
//! article's own address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_model::route::Route;

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else { return };
    if let Route::Article { month, slug } = Route::of(path) {
        let own = format!("{}/{slug}", month.path());
        assert_eq!(Route::of(&own), Route::Article { month, slug });
    }
});
