//! Dates as precise as their source: a year, a month or a day, never more.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar date that may lack its day or its month (`2023`, `2023-11`,
/// `2023-11-14`), because press releases often omit them and the portal must
/// never invent one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month 1-12 when known.
    pub month: Option<u32>,
    /// Day of the month when known (only with a month).
    pub day: Option<u32>,
}

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A full calendar day.
    Day,
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The month an Indonesian (or English) month name or short form stands
/// for: `Juli`, `Jul`, `Okt.`, `Agustus`, `Agt`.
pub fn month_from_name(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    if n.len() < 3 || !n.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    const STARTS: [(&str, u32); 18] = [
        ("jan", 1),
        ("feb", 2),
        ("peb", 2),
        ("mar", 3),
        ("apr", 4),
        ("mei", 5),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("agu", 8),
        ("agt", 8),
        ("ags", 8),
        ("aug", 8),
        ("sep", 9),
        ("okt", 10),
        ("oct", 10),
        ("nov", 11),
        ("nop", 11),
    ];
    if n.starts_with("des") || n.starts_with("dec") {
        return Some(12);
    }
    STARTS.iter().find(|(p, _)| n.starts_with(p)).map(|&(_, m)| m)
}

impl PartialDate {
    /// A date written the way people write it rather than year first:
    /// `12 Juli 2024`, `Jumat, 12 Juli 2024`, `12/07/2024`, `12-7-2024`,
    /// `Juli 2024`. Used to give the exact fix in messages, never to accept
    /// such a date silently.
    pub fn from_written(text: &str) -> Option<Self> {
        let t = text.trim();
        // A weekday before a comma: "Jumat, 12 Juli 2024".
        let t =
            t.split_once(", ").filter(|(w, _)| w.chars().all(|c| c.is_alphabetic() || c == '\'')).map_or(t, |(_, r)| r);
        let parts: Vec<&str> = t.split([' ', '/', '-', '.']).filter(|p| !p.is_empty()).collect();
        let num = |s: &str| s.parse::<u32>().ok();
        let (day, month, year) = match parts.as_slice() {
            [d, m, y] => (Some(num(d)?), num(m).or_else(|| month_from_name(m))?, num(y)?),
            [m, y] => (None, month_from_name(m)?, num(y)?),
            _ => return None,
        };
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let date = Self { year: year as i32, month: Some(month), day };
        let valid = match day {
            Some(d) => NaiveDate::from_ymd_opt(date.year, month, d).is_some(),
            None => (1..=12).contains(&month),
        };
        valid.then_some(date)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting dates that do not
    /// exist (`2024-02-30`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        // Year-first text never reads as a written date (its "year" would be the day).
        if let Some(written) = Self::from_written(text) {
            return Err(format!(
                "`{text}` is not a date in the form the portal reads (year-month-day); write it year first: \"{written}\""
            ));
        }
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, what: &str, len: usize| -> Result<u32, String> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "`{text}` is not a date: the {what} must be {len} digits (write `2024`, `2024-07` or `2024-07-12`)"
                ));
            }
            s.parse::<u32>().map_err(|e| e.to_string())
        };
        // Checked for both `YYYY-MM` and `YYYY-MM-DD`, so a bad month is
        // named as such rather than as a missing day of it.
        let month = |m: &str| -> Result<u32, String> {
            let month = number(m, "month", 2)?;
            if !(1..=12).contains(&month) {
                return Err(format!("`{text}` is not a date: month {month} does not exist (months run 01 to 12)"));
            }
            Ok(month)
        };
        match parts.as_slice() {
            [y] => Ok(Self { year: number(y, "year", 4)? as i32, month: None, day: None }),
            [y, m] => Ok(Self { year: number(y, "year", 4)? as i32, month: Some(month(m)?), day: None }),
            [y, m, d] => {
                let (year, month, day) = (number(y, "year", 4)? as i32, month(m)?, number(d, "day", 2)?);
                if NaiveDate::from_ymd_opt(year, month, day).is_none() {
                    return Err(format!(
                        "`{text}` is not a real date (there is no day {day} in month {month} of {year}); if the day is unknown write `{year}-{month:02}`"
                    ));
                }
                Ok(Self { year, month: Some(month), day: Some(day) })
            }
            _ => Err(format!("`{text}` is not a date: write `2024`, `2024-07` or `2024-07-12` (ISO 8601)")),
        }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The date in Bahasa Indonesia at its real precision: `12 Juli 2024`,
    /// `Juli 2024` or `2024`.
    pub fn to_indonesian(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS_ID[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS_ID[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The first calendar day the date can mean, for feeds and calendars that
    /// need a full date.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(NaiveDate::MIN)
    }

    /// A full date built from a chrono date.
    pub fn from_naive(date: NaiveDate) -> Self {
        Self { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as \"2024\", \"2024-07\" or \"2024-07-12\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            // YAML reads an unquoted `2023` as a number; a bare year is still a date.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "ISO 8601 date, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2023").unwrap().precision(), Precision::Year);
        assert_eq!(PartialDate::parse("2023-11").unwrap().to_indonesian(), "November 2023");
        assert_eq!(PartialDate::parse("2024-07-12").unwrap().to_indonesian(), "12 Juli 2024");
        assert_eq!(PartialDate::parse("2024-07-12").unwrap().to_string(), "2024-07-12");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2024-02-30").unwrap_err().contains("not a real date"));
        // A month that does not exist is named, not blamed on the day.
        let bad_month = PartialDate::parse("2024-13-15").unwrap_err();
        assert!(bad_month.contains("month 13 does not exist") && !bad_month.contains("`2024-13`"), "{bad_month}");
        assert!(PartialDate::parse("2024-13").is_err());
        assert!(PartialDate::parse("12-07-2024").is_err());
        assert!(PartialDate::parse("2024-7-1").is_err());
    }

    #[test]
    fn dates_written_in_words_get_their_iso_form() {
        let err = PartialDate::parse("12 Juli 2024").unwrap_err();
        assert_eq!(
            err,
            "`12 Juli 2024` is not a date in the form the portal reads (year-month-day); write it year first: \"2024-07-12\""
        );
        assert!(PartialDate::parse("Jumat, 12 Juli 2024").unwrap_err().ends_with("\"2024-07-12\""));
        assert!(PartialDate::parse("12-07-2024").unwrap_err().contains("is not a date"));
        assert!(PartialDate::parse("12/7/2024").unwrap_err().ends_with("\"2024-07-12\""));
        assert!(PartialDate::parse("Oktober 2024").unwrap_err().ends_with("\"2024-10\""));
    }

    #[test]
    fn orders_partial_dates_before_days_of_the_same_period() {
        let year = PartialDate::parse("2024").unwrap();
        let month = PartialDate::parse("2024-07").unwrap();
        let day = PartialDate::parse("2024-07-01").unwrap();
        assert!(year < month && month < day);
    }
}
