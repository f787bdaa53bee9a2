//! Flood control: a person sending commands faster than anyone reads gets one polite "slow down" and
//! the excess is dropped, so one flood cannot hold up other chats.

use std::{num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// What to do with one incoming message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Answer,
    /// Over the limit: tell them once.
    SlowDown,
    /// Over the limit and already told.
    Drop,
}

/// Per-user message budget.
pub struct FloodGuard {
    messages: DefaultKeyedRateLimiter<i64>,
    warnings: DefaultKeyedRateLimiter<i64>,
}

impl Default for FloodGuard {
    /// A burst of 5 messages, then one every 2 seconds; at most one warning per 30 seconds. It is judged at
    /// the door (`admission`), so a flood's excess never queues behind or ahead of anyone.
    fn default() -> Self {
        let per = |period: Duration, burst: u32| {
            Quota::with_period(period)
                .expect("non-zero period")
                .allow_burst(NonZeroU32::new(burst).expect("non-zero burst"))
        };
        FloodGuard {
            messages: RateLimiter::keyed(per(Duration::from_secs(2), 5)),
            warnings: RateLimiter::keyed(per(Duration::from_secs(30), 1)),
        }
    }
}

impl FloodGuard {
    /// Judges one message from `user`.
    pub fn check(&self, user: i64) -> Verdict {
        if self.messages.check_key(&user).is_ok() {
            Verdict::Answer
        } else if self.warnings.check_key(&user).is_ok() {
            Verdict::SlowDown
        } else {
            Verdict::Drop
        }
    }

    /// Forgets quiet users.
    pub fn shrink(&self) {
        self.messages.retain_recent();
        self.warnings.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_answered_then_warned_once_then_dropped() {
        let guard = FloodGuard::default();
        let verdicts: Vec<Verdict> = (0..9).map(|_| guard.check(1)).collect();
        assert!(verdicts[..5].iter().all(|v| *v == Verdict::Answer), "{verdicts:?}");
        assert_eq!(verdicts[5], Verdict::SlowDown);
        assert!(verdicts[6..].iter().all(|v| *v == Verdict::Drop), "{verdicts:?}");
        assert_eq!(guard.check(2), Verdict::Answer, "another user paid for the flood");
    }
}
