//! The quiz commands' arguments, parsed without any platform: `/quiz [N] [TOPIC]`, `/quizstop`, `/top`,
//! `/quizschedule daily HH:MM [TOPIC] | off`, `/answer N`; and which of them need a group admin.

use chrono::NaiveTime;

use super::{QuizError, QuizNotice, rounds::MAX_ROUND};

/// Rounds longer than this are for admins only in groups.
pub const MAX_ROUND_FOR_EVERYONE: u32 = 5;

/// A quiz command with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizCommand {
    /// `/quiz [N] [TOPIC]`: one poll (`count` None) or a round of N.
    Quiz { count: Option<u32>, topic: Option<String> },
    /// `/quizstop`.
    Stop,
    /// `/top`.
    Top,
    /// `/quizschedule ...`.
    Schedule(ScheduleCommand),
    /// `/answer N` (console): the 1-based option chosen.
    Answer(usize),
}

/// `/quizschedule daily HH:MM [TOPIC]` or `/quizschedule off`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleCommand {
    Daily { time: NaiveTime, topic: Option<String> },
    Off,
}

impl QuizCommand {
    /// Parses the arguments of `/quiz`: an optional count first, then an optional topic.
    pub fn quiz(args: &str) -> Result<Self, QuizError> {
        let args = args.trim();
        let (first, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
        if let Ok(n) = first.parse::<i64>() {
            if !(1..=i64::from(MAX_ROUND)).contains(&n) {
                return Err(QuizError::User(QuizNotice::RoundSize));
            }
            return Ok(QuizCommand::Quiz { count: u32::try_from(n).ok(), topic: topic(rest) });
        }
        Ok(QuizCommand::Quiz { count: None, topic: topic(args) })
    }

    /// Parses the arguments of `/quizschedule`.
    pub fn schedule(args: &str) -> Result<Self, QuizError> {
        let words: Vec<&str> = args.split_whitespace().collect();
        match words.as_slice() {
            [off] if off.eq_ignore_ascii_case("off") => Ok(QuizCommand::Schedule(ScheduleCommand::Off)),
            [daily, time, rest @ ..] if daily.eq_ignore_ascii_case("daily") => {
                let time = NaiveTime::parse_from_str(time, "%H:%M")
                    .map_err(|_| QuizError::User(QuizNotice::BadTime((*time).to_owned())))?;
                Ok(QuizCommand::Schedule(ScheduleCommand::Daily { time, topic: topic(&rest.join(" ")) }))
            }
            _ => Err(QuizError::User(QuizNotice::ScheduleUsage)),
        }
    }

    /// Parses the arguments of `/answer`.
    pub fn answer(args: &str) -> Result<Self, QuizError> {
        match args.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Ok(QuizCommand::Answer(n)),
            _ => Err(QuizError::User(QuizNotice::AnswerUsage)),
        }
    }

    /// Whether only a group's admins may give this command (the adapter checks; private chats are exempt).
    pub fn needs_admin(&self) -> bool {
        match self {
            QuizCommand::Quiz { count, .. } => count.is_some_and(|n| n > MAX_ROUND_FOR_EVERYONE),
            QuizCommand::Schedule(_) => true,
            QuizCommand::Stop | QuizCommand::Top | QuizCommand::Answer(_) => false,
        }
    }
}

/// A topic argument: trimmed, at most 64 characters, `None` when empty.
fn topic(text: &str) -> Option<String> {
    let t: String = text.trim().chars().filter(|c| !c.is_control()).take(64).collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_takes_an_optional_count_then_an_optional_topic() {
        assert_eq!(QuizCommand::quiz("").unwrap(), QuizCommand::Quiz { count: None, topic: None });
        assert_eq!(
            QuizCommand::quiz("energy").unwrap(),
            QuizCommand::Quiz { count: None, topic: Some("energy".into()) }
        );
        assert_eq!(
            QuizCommand::quiz(" 5  trade ").unwrap(),
            QuizCommand::Quiz { count: Some(5), topic: Some("trade".into()) }
        );
        assert_eq!(QuizCommand::quiz("20").unwrap(), QuizCommand::Quiz { count: Some(20), topic: None });
    }

    #[test]
    fn a_round_of_more_than_twenty_or_of_none_is_refused() {
        assert!(matches!(QuizCommand::quiz("21"), Err(QuizError::User(QuizNotice::RoundSize))));
        assert!(matches!(QuizCommand::quiz("0 trade"), Err(QuizError::User(_))));
        assert!(matches!(QuizCommand::quiz("99999999999999999999"), Ok(QuizCommand::Quiz { count: None, .. })));
    }

    #[test]
    fn schedules_are_daily_at_a_time_or_off() {
        let daily = QuizCommand::schedule("daily 09:30 energy").unwrap();
        let time = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
        assert_eq!(daily, QuizCommand::Schedule(ScheduleCommand::Daily { time, topic: Some("energy".into()) }));
        assert_eq!(QuizCommand::schedule("OFF").unwrap(), QuizCommand::Schedule(ScheduleCommand::Off));
        let bad = QuizCommand::schedule("daily 25:00");
        assert!(matches!(&bad, Err(QuizError::User(QuizNotice::BadTime(t))) if t == "25:00"), "{bad:?}");
        assert!(matches!(QuizCommand::schedule("weekly 09:00"), Err(QuizError::User(QuizNotice::ScheduleUsage))));
    }

    #[test]
    fn only_long_rounds_and_schedules_need_an_admin() {
        assert!(!QuizCommand::quiz("5").unwrap().needs_admin());
        assert!(QuizCommand::quiz("6").unwrap().needs_admin());
        assert!(!QuizCommand::quiz("trade").unwrap().needs_admin());
        assert!(QuizCommand::schedule("off").unwrap().needs_admin());
        assert!(!QuizCommand::Stop.needs_admin() && !QuizCommand::Top.needs_admin());
    }

    #[test]
    fn answers_are_positive_numbers() {
        assert_eq!(QuizCommand::answer(" 2 ").unwrap(), QuizCommand::Answer(2));
        assert!(QuizCommand::answer("0").is_err() && QuizCommand::answer("two").is_err());
    }
}
