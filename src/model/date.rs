//! Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) of the file format: the plan's
//! evaluation date, a certificate's expiry and a server's update month.
//!
//! Plain proleptic Gregorian arithmetic on day numbers; no time zones, since every date
//! the rules compare is a whole day.

use std::fmt;

/// A calendar day, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A calendar month, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

/// Why a text is not a date or month of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not digits and dashes in the right places.
    #[error("not of the form {0}")]
    Form(&'static str),
    /// The month is not 01 to 12.
    #[error("there is no month {0}")]
    Month(u32),
    /// The day does not exist in that month.
    #[error("{month} has no day {day}")]
    Day {
        /// The month, `YYYY-MM`.
        month: YearMonth,
        /// The day of the month asked for.
        day: u32,
    },
}

/// The digits of `text[range]` as a number, when they are all ASCII digits.
fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if part.bytes().all(|c| c.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl YearMonth {
    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        const FORM: DateError = DateError::Form("YYYY-MM");
        let b = text.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return Err(FORM);
        }
        let (Some(year), Some(month)) = (digits(text, 0..4), digits(text, 5..7)) else {
            return Err(FORM);
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        Ok(Self {
            year: i32::try_from(year).map_err(|_| FORM)?,
            month: u8::try_from(month).map_err(|_| FORM)?,
        })
    }

    /// A month known to exist, for constants (`YearMonth::known(2025, 4)`).
    #[must_use]
    pub const fn known(year: i32, month: u8) -> Self {
        Self { year, month }
    }

    /// A month from its parts; `None` unless `month` is 1 to 12.
    #[must_use]
    pub fn new(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Date {
    /// Reads `YYYY-MM-DD`, a day that exists on the calendar.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        const FORM: DateError = DateError::Form("YYYY-MM-DD");
        let b = text.as_bytes();
        if b.len() != 10 || b[7] != b'-' {
            return Err(FORM);
        }
        let month = YearMonth::parse(&text[..7]).map_err(|e| match e {
            DateError::Form(_) => FORM,
            other => other,
        })?;
        let day = digits(text, 8..10).ok_or(FORM)?;
        match u8::try_from(day) {
            Ok(d) if (1..=days_in_month(month.year, month.month)).contains(&d) => Ok(Self {
                year: month.year,
                month: month.month,
                day: d,
            }),
            _ => Err(DateError::Day { month, day }),
        }
    }

    /// A day known to exist, for constants (`Date::known(2025, 10, 31)`); a day that does not
    /// exist would compare as if it did.
    #[must_use]
    pub const fn known(year: i32, month: u8, day: u8) -> Self {
        Self { year, month, day }
    }

    /// A day from its parts; `None` when it does not exist.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let ok = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
        ok.then_some(Self { year, month, day })
    }

    /// The month this day is in.
    #[must_use]
    pub fn year_month(self) -> YearMonth {
        YearMonth {
            year: self.year,
            month: self.month,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01. Years beyond `i32` are clamped (no calendar plan
    /// gets there).
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Self {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self {
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month,
            day,
        }
    }

    /// The day `days` later (earlier when negative).
    #[must_use]
    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// How many days from `self` to `later` (negative when `later` is earlier).
    #[must_use]
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Today in UTC, from the system clock (1970-01-01 if the clock is before it).
    #[must_use]
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn dates_must_exist_on_the_calendar() {
        assert!(Date::parse("2026-01-15").is_ok());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(
            Date::parse("2026-02-29").expect_err("refused").to_string(),
            "2026-02 has no day 29"
        );
        assert_eq!(
            Date::parse("1900-02-29").expect_err("refused").to_string(),
            "1900-02 has no day 29"
        );
        assert_eq!(
            Date::parse("2026-13-01").expect_err("refused").to_string(),
            "there is no month 13"
        );
        assert_eq!(
            Date::parse("2026-1-15").expect_err("refused").to_string(),
            "not of the form YYYY-MM-DD"
        );
        assert!(Date::parse("2026/01/15").is_err());
        assert!(Date::parse("２０２６-01-15").is_err());
        assert!(Date::parse("2026-01-1é").is_err());
        assert!(Date::parse("").is_err());
    }

    #[test]
    fn months_are_year_and_month_only() {
        assert_eq!(
            YearMonth::parse("2025-04").expect("month").to_string(),
            "2025-04"
        );
        assert_eq!(
            YearMonth::parse("2025-4").expect_err("refused").to_string(),
            "not of the form YYYY-MM"
        );
        assert_eq!(
            YearMonth::parse("2025-00")
                .expect_err("refused")
                .to_string(),
            "there is no month 0"
        );
        assert!(YearMonth::parse("2025-04-01").is_err());
        let m = |t: &str| YearMonth::parse(t).expect("a month");
        assert!(m("2025-03") < m("2025-04"));
        assert!(m("2024-12") < m("2025-01"));
    }

    #[test]
    fn day_numbers_round_trip_across_leap_years_and_centuries() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        // 0001-01-01 to 9999-12-31, the years a YYYY field can hold.
        for days in (-719_162..=2_932_896).step_by(997) {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
            assert_eq!(d(&date.to_string()), date);
        }
    }

    #[test]
    fn adding_days_crosses_months_and_years() {
        assert_eq!(d("2026-01-15").add_days(30), d("2026-02-14"));
        assert_eq!(d("2026-01-15").add_days(60), d("2026-03-16"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2025-12-31").add_days(1), d("2026-01-01"));
        assert_eq!(d("2025-10-14").add_days(-365), d("2024-10-14"));
        assert_eq!(d("2026-01-15").days_until(d("2026-03-16")), 60);
        assert_eq!(d("2026-03-16").days_until(d("2026-01-15")), -60);
    }

    #[test]
    fn today_is_a_real_day_after_this_code_was_written() {
        assert!(Date::today() >= d("2026-01-01"));
    }
}
