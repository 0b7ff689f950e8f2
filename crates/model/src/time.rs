//! RFC 3339 timestamps and calendar months, without a date library.

use std::cmp::Ordering;
use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// An RFC 3339 timestamp as written in the content (`2024-07-03T09:30:00+01:00`).
///
/// The original text is kept (the browser formats it for the reader); the parsed parts
/// give the calendar date as written, and `unix` orders instants across offsets.
#[derive(Clone, Debug)]
pub struct Timestamp {
    text: String,
    year: i32,
    month: u8,
    day: u8,
    unix: i64,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t` and `z` are accepted too.
    pub fn parse(text: &str) -> Result<Self, String> {
        let err = || format!("{text:?} is not an RFC 3339 timestamp like 2024-07-03T09:30:00Z");
        let b = text.as_bytes();
        if b.len() < 20 || b.len() > 40 || !text.is_ascii() {
            return Err(err());
        }
        let num = |from: usize, to: usize| -> Result<i64, String> {
            let part = text.get(from..to).ok_or_else(err)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse::<i64>().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
        if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt") && sep(13, b":") && sep(16, b":")) {
            return Err(err());
        }
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > i64::from(days_in_month(year as i32, month as u8))
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(err());
        }
        let mut rest = 19;
        if b.get(rest) == Some(&b'.') {
            rest += 1;
            let start = rest;
            while b.get(rest).is_some_and(u8::is_ascii_digit) {
                rest += 1;
            }
            if rest == start {
                return Err(err());
            }
        }
        let offset_minutes = match b.get(rest) {
            Some(b'Z' | b'z') if rest + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if rest + 6 == b.len() && sep(rest + 3, b":") => {
                let (oh, om) = (num(rest + 1, rest + 3)?, num(rest + 4, rest + 6)?);
                if oh > 23 || om > 59 {
                    return Err(err());
                }
                let minutes = oh * 60 + om;
                if *sign == b'-' {
                    -minutes
                } else {
                    minutes
                }
            }
            _ => return Err(err()),
        };
        let days = days_from_civil(year, month, day);
        let unix = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Ok(Timestamp { text: text.to_owned(), year: year as i32, month: month as u8, day: day as u8, unix })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn month(&self) -> u8 {
        self.month
    }
    pub fn day(&self) -> u8 {
        self.day
    }
    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix(&self) -> i64 {
        self.unix
    }
    /// The calendar month of the date as written (the month of the permalink).
    pub fn year_month(&self) -> YearMonth {
        YearMonth { year: self.year, month: self.month }
    }
    /// The same instant in RFC 2822 form, in UTC, as RSS wants it: `Wed, 03 Jul 2024 08:30:00 +0000`.
    pub fn rfc2822(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let days = self.unix.div_euclid(86_400);
        let secs = self.unix.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let weekday = DAYS.get(days.rem_euclid(7) as usize).copied().unwrap_or("Mon");
        let month = MONTHS.get(m.saturating_sub(1) as usize).copied().unwrap_or("Jan");
        format!("{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} +0000", secs / 3600, secs % 3600 / 60, secs % 60)
    }

    /// `YYYY-MM-DD` as written, a readable fallback where the browser cannot format dates.
    pub fn date_text(&self) -> &str {
        self.text.get(..10).unwrap_or(&self.text)
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.unix == other.unix
    }
}
impl Eq for Timestamp {}
impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.unix.cmp(&other.unix)
    }
}
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}
impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text).map_err(de::Error::custom)
    }
}

/// A calendar month, written `YYYY-MM` in JSON and `/YYYY/MM` in URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(YearMonth { year, month })
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Self> {
        let (y, m) = text.split_once('-')?;
        Self::from_parts(y, m)
    }

    /// Parses the two path segments of a month URL: exactly four digits and two digits.
    pub fn from_parts(year: &str, month: &str) -> Option<Self> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        Self::new(year.parse().ok()?, month.parse().ok()?)
    }

    /// The month before this one.
    pub fn prev(self) -> Self {
        if self.month == 1 {
            YearMonth { year: self.year - 1, month: 12 }
        } else {
            YearMonth { year: self.year, month: self.month - 1 }
        }
    }

    /// The month's page on the site, `/2024/07`.
    pub fn path(self) -> String {
        format!("/{:04}/{:02}", self.year, self.month)
    }

    /// The month shard's file name, `2024-07.json`.
    pub fn shard_file(self) -> String {
        format!("{self}.json")
    }

    /// The site path of page `page` (from 1) of the month's stories: `/2024/07`,
    /// `/2024/07/page/2`.
    pub fn page_path(self, page: u32) -> String {
        match page {
            0 | 1 => self.path(),
            n => format!("{}/page/{n}", self.path()),
        }
    }

    /// The contract's file of page `page` of the month, under `archive/`: the month shard
    /// for the first, `2024-07/2.json` for the later ones.
    pub fn page_file(self, page: u32) -> String {
        match page {
            0 | 1 => self.shard_file(),
            n => format!("{self}/{n}.json"),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}
impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        YearMonth::parse(&text).ok_or_else(|| de::Error::custom(format!("{text:?} is not a month like 2024-07")))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// An instant in Unix seconds as RFC 3339 in UTC (`2017-01-02T10:00:00Z`).
pub fn rfc3339_utc(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A unit of a relative time ("3 hours ago"), named as `Intl.RelativeTimeFormat` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeUnit {
    Second,
    Minute,
    Hour,
}

impl AgeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            AgeUnit::Second => "second",
            AgeUnit::Minute => "minute",
            AgeUnit::Hour => "hour",
        }
    }
}

/// How long ago `then` was at `now` (Unix seconds), for items less than a day old: a
/// negative amount and its unit (`(-3, Hour)` reads "3 hours ago"; `(0, Second)` "now").
/// `None` for a day or more, and for times ahead of `now` by more than a minute of clock
/// difference.
pub fn relative_age(now: i64, then: i64) -> Option<(i64, AgeUnit)> {
    let seconds = now.checked_sub(then)?;
    match seconds {
        -60..=59 => Some((0, AgeUnit::Second)),
        60..=3599 => Some((-(seconds / 60), AgeUnit::Minute)),
        3600..=86_399 => Some((-(seconds / 3600), AgeUnit::Hour)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_as_rfc3339_read_back_as_the_same_instant() {
        for unix in [0, 1_483_351_200, 951_782_400, -1, 4_102_444_799] {
            let text = rfc3339_utc(unix);
            assert_eq!(Timestamp::parse(&text).map(|t| t.unix()), Ok(unix), "{text}");
        }
        assert_eq!(rfc3339_utc(1_483_351_200), "2017-01-02T10:00:00Z");
    }

    #[test]
    fn rfc2822_for_feeds() {
        let t = Timestamp::parse("2024-07-03T09:30:00+01:00").unwrap();
        assert_eq!(t.rfc2822(), "Wed, 03 Jul 2024 08:30:00 +0000");
        let t = Timestamp::parse("2024-03-01T00:30:00+02:00").unwrap();
        assert_eq!(t.rfc2822(), "Thu, 29 Feb 2024 22:30:00 +0000");
        let t = Timestamp::parse("1969-12-31T23:59:59Z").unwrap();
        assert_eq!(t.rfc2822(), "Wed, 31 Dec 1969 23:59:59 +0000");
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
    }

    #[test]
    fn parses_offsets_to_the_same_instant() {
        let a = Timestamp::parse("2024-07-03T09:30:00+01:00").unwrap();
        let b = Timestamp::parse("2024-07-03T08:30:00Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(b.unix(), 1_719_995_400);
        assert_eq!(a.year_month(), YearMonth { year: 2024, month: 7 });
        assert_eq!(a.date_text(), "2024-07-03");
    }

    #[test]
    fn fractions_and_lowercase_are_accepted() {
        assert!(Timestamp::parse("2024-02-29t23:59:59.123z").is_ok());
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "",
            "2024-07-03",
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-07-03 09:30:00Z",
            "2024-07-03T25:00:00Z",
            "2024-07-03T09:30:00",
            "2024-07-03T09:30:00+1:00",
            "2024-07-03T09:30:00.Z",
            "2024-07-03T09:30:00Zjunk",
            "２０２４-07-03T09:30:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn month_parts_must_be_exact() {
        assert_eq!(YearMonth::from_parts("2024", "07"), YearMonth::new(2024, 7));
        for (y, m) in [("2024", "7"), ("24", "07"), ("2024", "13"), ("2024", "00"), ("abcd", "01"), ("+202", "01")] {
            assert_eq!(YearMonth::from_parts(y, m), None, "{y}/{m}");
        }
        assert_eq!(YearMonth::new(2024, 1).unwrap().prev(), YearMonth::new(2023, 12).unwrap());
        assert_eq!(YearMonth::new(2024, 7).unwrap().path(), "/2024/07");
    }

    proptest::proptest! {
        #[test]
        fn timestamps_parse_back_and_nothing_panics(
            year in 1970i32..2200, month in 1u8..=12, day in 1u8..=28, hour in 0u8..24, minute in 0u8..60, junk in "\\PC{0,40}",
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z");
            let t = Timestamp::parse(&text).unwrap();
            proptest::prop_assert_eq!((t.year(), t.month(), t.day()), (year, month, day));
            proptest::prop_assert_eq!(t.year_month(), YearMonth::new(year, month).unwrap());
            let _ = Timestamp::parse(&junk);
            let _ = YearMonth::parse(&junk);
        }
    }

    #[test]
    fn items_under_a_day_old_get_a_relative_age() {
        let now = 1_800_000_000;
        assert_eq!(relative_age(now, now), Some((0, AgeUnit::Second)));
        assert_eq!(relative_age(now, now + 30), Some((0, AgeUnit::Second)));
        assert_eq!(relative_age(now, now - 59), Some((0, AgeUnit::Second)));
        assert_eq!(relative_age(now, now - 60), Some((-1, AgeUnit::Minute)));
        assert_eq!(relative_age(now, now - 3 * 3600 - 5), Some((-3, AgeUnit::Hour)));
        assert_eq!(relative_age(now, now - 86_399), Some((-23, AgeUnit::Hour)));
        assert_eq!(relative_age(now, now - 86_400), None);
        assert_eq!(relative_age(now, now + 3600), None);
        assert_eq!(relative_age(i64::MIN, i64::MAX), None);
    }

    /// The hand-written parser and calendar (kept so the wasm carries no date library)
    /// against jiff, a well-kept date-time crate, on any date, time and offset.
    mod against_jiff {
        use super::super::*;
        use proptest::prelude::*;

        #[allow(clippy::too_many_arguments)]
        fn text(y: i32, mo: u8, d: u8, h: u8, mi: u8, s: u8, frac: &str, offset: i32) -> String {
            let zone = if offset == 0 {
                "Z".to_owned()
            } else {
                let sign = if offset < 0 { '-' } else { '+' };
                format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
            };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}")
        }

        /// Whole seconds, rounded down (jiff rounds toward zero before 1970; the fraction
        /// is ignored here, which rounds down).
        fn floor_seconds(t: jiff::Timestamp) -> i64 {
            t.as_second() - i64::from(t.subsec_nanosecond() < 0)
        }

        proptest! {
            #[test]
            fn instants_dates_and_feed_dates_agree(
                y in 1i32..=9999, mo in 1u8..=12, d in 1u8..=31,
                h in 0u8..=23, mi in 0u8..=59, s in 0u8..=59,
                frac in prop::sample::select(vec!["", ".5", ".123456789"]),
                offset in -(23 * 60 + 59)..=(23 * 60 + 59),
            ) {
                let written = text(y, mo, d, h, mi, s, frac, offset);
                let ours = Timestamp::parse(&written);
                let date = jiff::civil::Date::new(y as i16, mo as i8, d as i8);
                prop_assert_eq!(ours.is_ok(), date.is_ok(), "{}", written);
                prop_assert_eq!(days_in_month(y, mo) as i8, jiff::civil::Date::new(y as i16, mo as i8, 1).unwrap().days_in_month());
                let Ok(ours) = ours else { return Ok(()) };
                // Past jiff's last instant (9999-12-30T22:00:00Z): nothing to compare with.
                if ours.unix() > jiff::Timestamp::MAX.as_second() {
                    return Ok(());
                }
                let theirs: jiff::Timestamp = written.parse().unwrap();
                prop_assert_eq!(ours.unix(), floor_seconds(theirs), "{}", written);
                prop_assert_eq!((ours.year(), ours.month(), ours.day()), (y, mo, d));
                let utc = theirs.to_zoned(jiff::tz::TimeZone::UTC);
                prop_assert_eq!(ours.rfc2822(), utc.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string());
            }

            #[test]
            fn what_ours_accepts_jiff_reads_as_the_same_instant(text in "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])") {
                if let Ok(ours) = Timestamp::parse(&text) {
                    // jiff's instants end at 9999-12-30T22:00:00Z (it keeps room for any
                    // offset); the last hours of year 9999 are past its range, not wrong.
                    if ours.unix() > jiff::Timestamp::MAX.as_second() {
                        return Ok(());
                    }
                    let theirs: Result<jiff::Timestamp, _> = text.parse();
                    prop_assert!(theirs.is_ok(), "{} refused by jiff", text);
                    let theirs = floor_seconds(theirs.unwrap());
                    // A leap second (:60) is the second after :59 here; jiff reads it as :59.
                    let leap = i64::from(text.get(17..19) == Some("60"));
                    prop_assert_eq!(ours.unix(), theirs + leap, "{}", text);
                }
            }
        }
    }
}
