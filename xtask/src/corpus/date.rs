//! Calendar arithmetic for generated dates (proleptic Gregorian, no clock involved).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

/// How much of a date the source gave: `2024`, `2024-07` or `2024-07-12`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prec {
    Year,
    Month,
    Day,
}

pub const MONTHS: [&str; 12] = [
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
pub const WEEKDAYS: [&str; 7] = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
pub const ROMAN: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub fn new(y: i32, m: u32, d: u32) -> Self {
        debug_assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
        Date { y, m, d }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Self {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Self {
        Date::from_days(self.to_days() + n)
    }

    /// 0 = Sunday (Minggu).
    pub fn weekday(self) -> usize {
        (self.to_days() + 4).rem_euclid(7) as usize
    }
}

/// A date written as a quoted YAML string at the given precision.
pub struct Iso(pub Date, pub Prec);

impl fmt::Display for Iso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Date { y, m, d } = self.0;
        match self.1 {
            Prec::Year => write!(f, "\"{y:04}\""),
            Prec::Month => write!(f, "\"{y:04}-{m:02}\""),
            Prec::Day => write!(f, "\"{y:04}-{m:02}-{d:02}\""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekday() {
        let d = Date::new(2024, 7, 12);
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(WEEKDAYS[d.weekday()], "Jumat");
        assert_eq!(Date::new(2024, 2, 28).add_days(1), Date::new(2024, 2, 29));
        assert_eq!(Date::new(2023, 12, 31).add_days(1), Date::new(2024, 1, 1));
        assert_eq!(Date::new(1970, 1, 1).to_days(), 0);
    }
}
