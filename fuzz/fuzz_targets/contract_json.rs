//! Every file of the JSON contract, decoded from arbitrary text: an error or a value,
//! never a panic; a decoded value written back out decodes to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_model::{
    decode, ArchiveIndex, CatalogueFile, Latest, ListFile, MonthShard, PositionShard, Post, SearchShard, SearchText, Site,
};
use serde::{de::DeserializeOwned, Serialize};

fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(text: &str) {
    if let Ok(value) = decode::<T>("fuzz.json", text) {
        let again = serde_json::to_string(&value).map(|json| decode::<T>("fuzz.json", &json));
        match again {
            Ok(Ok(back)) => assert_eq!(back, value, "a decoded value must survive a round trip"),
            other => panic!("a decoded value could not be read back: {other:?}"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    round_trip::<Site>(text);
    round_trip::<Latest>(text);
    round_trip::<ArchiveIndex>(text);
    round_trip::<MonthShard>(text);
    round_trip::<Post>(text);
    round_trip::<CatalogueFile>(text);
    round_trip::<SearchShard>(text);
    round_trip::<PositionShard>(text);
    round_trip::<SearchText>(text);
    round_trip::<ListFile>(text);
});
