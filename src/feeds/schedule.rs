//! When a feed is polled next: its normal interval or its `ttl` after a success; after a failure,
//! exponential backoff (doubling, at most a day), never sooner than a `Retry-After` asks.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// The longest a feed waits between polls.
const MAX_WAIT: Duration = Duration::from_secs(86_400);

/// The wait after a successful poll: the normal interval, or the feed's `ttl` when that is longer.
pub fn after_success(every: Duration, ttl: Option<Duration>) -> Duration {
    ttl.map_or(every, |ttl| ttl.max(every)).min(MAX_WAIT)
}

/// The wait after failure number `failures` in a row: the interval doubled per earlier failure, at most
/// a day, and at least what the server's `Retry-After` asked.
pub fn after_failure(every: Duration, failures: i64, retry_after: Option<Duration>) -> Duration {
    let doublings = u32::try_from(failures.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let backoff = every.saturating_mul(2u32.saturating_pow(doublings)).min(MAX_WAIT);
    retry_after.map_or(backoff, |asked| asked.max(backoff))
}

/// A time as stored: RFC 3339 UTC with milliseconds (sorts as text).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN_MINUTES: Duration = Duration::from_secs(600);

    #[test]
    fn a_feeds_ttl_longer_than_the_interval_is_respected() {
        assert_eq!(after_success(TEN_MINUTES, Some(Duration::from_secs(3600))), Duration::from_secs(3600));
        assert_eq!(after_success(TEN_MINUTES, Some(Duration::from_secs(60))), TEN_MINUTES);
        assert_eq!(after_success(TEN_MINUTES, None), TEN_MINUTES);
    }

    #[test]
    fn failures_back_off_exponentially_up_to_a_day() {
        assert_eq!(after_failure(TEN_MINUTES, 1, None), TEN_MINUTES);
        assert_eq!(after_failure(TEN_MINUTES, 2, None), TEN_MINUTES * 2);
        assert_eq!(after_failure(TEN_MINUTES, 4, None), TEN_MINUTES * 8);
        assert_eq!(after_failure(TEN_MINUTES, 40, None), MAX_WAIT);
    }

    #[test]
    fn retry_after_is_never_cut_short() {
        assert_eq!(after_failure(TEN_MINUTES, 1, Some(Duration::from_secs(7200))), Duration::from_secs(7200));
        assert_eq!(after_failure(TEN_MINUTES, 3, Some(Duration::from_secs(5))), TEN_MINUTES * 4);
    }
}
