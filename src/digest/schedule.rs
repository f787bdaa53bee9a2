//! When digests are due: a chat's local delivery time, timezone and frequency, turned into UTC slots.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// How often a chat gets its digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly(Weekday),
}

/// A chat's delivery schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub timezone: Tz,
    pub time: NaiveTime,
    pub frequency: Frequency,
}

impl Default for Schedule {
    /// Daily at 09:00 UTC.
    fn default() -> Self {
        Schedule {
            timezone: Tz::UTC,
            time: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            frequency: Frequency::Daily,
        }
    }
}

impl Schedule {
    /// Builds a schedule from stored settings, falling back to the defaults for anything unreadable.
    pub fn from_settings(timezone: &str, time: &str, frequency: &str, weekday: i64) -> Self {
        let default = Schedule::default();
        Schedule {
            timezone: timezone.parse().unwrap_or(default.timezone),
            time: NaiveTime::parse_from_str(time, "%H:%M").unwrap_or(default.time),
            frequency: match frequency {
                "weekly" => Frequency::Weekly(weekday_from_index(weekday)),
                _ => Frequency::Daily,
            },
        }
    }

    /// The latest slot at or before `now`, in UTC.
    pub fn latest_slot(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let local_today = now.with_timezone(&self.timezone).date_naive();
        (0..=8)
            .filter_map(|back| local_today.checked_sub_days(Days::new(back)))
            .filter(|day| self.runs_on(*day))
            .map(|day| self.slot_on(day))
            .find(|slot| *slot <= now)
            .unwrap_or(now)
    }

    /// The next slot strictly after `now`, in UTC.
    pub fn next_slot(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let local_today = now.with_timezone(&self.timezone).date_naive();
        (0..=8)
            .filter_map(|ahead| local_today.checked_add_days(Days::new(ahead)))
            .filter(|day| self.runs_on(*day))
            .map(|day| self.slot_on(day))
            .find(|slot| *slot > now)
            .unwrap_or(now)
    }

    fn runs_on(&self, day: NaiveDate) -> bool {
        match self.frequency {
            Frequency::Daily => true,
            Frequency::Weekly(weekday) => day.weekday() == weekday,
        }
    }

    /// The UTC instant of the local delivery time on `day`. A time skipped by a DST change moves an hour
    /// later; a repeated one takes its first occurrence.
    fn slot_on(&self, day: NaiveDate) -> DateTime<Utc> {
        let local = day.and_time(self.time);
        let resolved = self
            .timezone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| self.timezone.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest());
        resolved.map_or_else(|| Utc.from_utc_datetime(&local), |dt| dt.with_timezone(&Utc))
    }
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday_from_index(index: i64) -> Weekday {
    Weekday::try_from(index.rem_euclid(7) as u8).unwrap_or(Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_default_is_daily_at_nine_utc() {
        let s = Schedule::default();
        assert_eq!(s.latest_slot(at("2026-11-27T10:00:00Z")), at("2026-11-27T09:00:00Z"));
        assert_eq!(s.latest_slot(at("2026-11-27T08:59:59Z")), at("2026-11-26T09:00:00Z"));
        assert_eq!(s.next_slot(at("2026-11-27T09:00:00Z")), at("2026-11-28T09:00:00Z"));
    }

    #[test]
    fn local_time_in_kolkata_is_converted_to_utc() {
        let s = Schedule::from_settings("Asia/Kolkata", "07:30", "daily", 0);
        assert_eq!(s.latest_slot(at("2026-11-27T03:00:00Z")), at("2026-11-27T02:00:00Z"));
    }

    #[test]
    fn weekly_digests_fall_on_their_weekday() {
        let s = Schedule::from_settings("UTC", "09:00", "weekly", 0);
        // 2026-11-27 is a Friday; the latest Monday slot is 2026-11-23.
        assert_eq!(s.latest_slot(at("2026-11-27T12:00:00Z")), at("2026-11-23T09:00:00Z"));
        assert_eq!(s.next_slot(at("2026-11-27T12:00:00Z")), at("2026-11-30T09:00:00Z"));
    }

    #[test]
    fn a_time_skipped_by_daylight_saving_moves_an_hour_later() {
        // Europe/Berlin skipped 02:00-03:00 on 2026-03-29.
        let s = Schedule::from_settings("Europe/Berlin", "02:30", "daily", 0);
        assert_eq!(s.latest_slot(at("2026-03-29T12:00:00Z")), at("2026-03-29T01:30:00Z"));
    }

    #[test]
    fn unreadable_settings_fall_back_to_the_defaults() {
        assert_eq!(Schedule::from_settings("Mars/Olympus", "25:99", "hourly", 0), Schedule::default());
    }
}
