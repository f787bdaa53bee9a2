//! What the quiz core tells a user instead of an answer: a typed notice that the adapter words in the
//! chat's language ([`QuizNotice::text`]); its `Display` is the English wording, for logs.

use crate::i18n::{Lang, arg};

use super::rounds::MAX_ROUND;

/// Why a quiz request got no regular answer, as the user should hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizNotice {
    /// A round was asked for with too few or too many questions.
    RoundSize,
    /// No questions at all (`None`), or none on a topic (its key).
    NoQuestions { topic: Option<String> },
    /// The chat already runs a round.
    RoundRunning,
    /// `/quizstop` without a round.
    NoRound,
    /// A round id that names no round.
    UnknownRound,
    /// A topic that is not in the lexicon, with the topic keys to try.
    UnknownTopic { typed: String, topics: Vec<String> },
    /// `/quizschedule` arguments that do not parse.
    ScheduleUsage,
    /// `/quizschedule daily` with something that is not a time.
    BadTime(String),
    /// `/answer` without a number.
    AnswerUsage,
    /// `/answer` with no question waiting.
    NothingToAnswer,
    /// `/answer` to a question that left the pool.
    QuestionGone,
    /// `/answer` with a number outside 1..=N (N given).
    AnswerRange(usize),
}

impl QuizNotice {
    /// The notice in `lang`, as plain text (arguments are placed as written).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            QuizNotice::RoundSize => lang.tr("quiz-round-size", &[arg("max", MAX_ROUND)]),
            QuizNotice::NoQuestions { topic: None } => lang.t("quiz-no-questions"),
            QuizNotice::NoQuestions { topic: Some(topic) } => {
                lang.tr("quiz-no-questions-on", &[arg("topic", topic.as_str())])
            }
            QuizNotice::RoundRunning => lang.t("quiz-round-running"),
            QuizNotice::NoRound => lang.t("quiz-no-round"),
            QuizNotice::UnknownRound => lang.t("quiz-round-unknown"),
            QuizNotice::UnknownTopic { typed, topics } if topics.is_empty() => {
                lang.tr("quiz-unknown-topic", &[arg("topic", typed.as_str())])
            }
            QuizNotice::UnknownTopic { typed, topics } => {
                lang.tr("quiz-unknown-topic-try", &[arg("topic", typed.as_str()), arg("topics", topics.join(", "))])
            }
            QuizNotice::ScheduleUsage => lang.t("quiz-schedule-usage"),
            QuizNotice::BadTime(time) => lang.tr("quiz-schedule-bad-time", &[arg("time", time.as_str())]),
            QuizNotice::AnswerUsage => lang.t("quiz-answer-usage"),
            QuizNotice::NothingToAnswer => lang.t("quiz-nothing-to-answer"),
            QuizNotice::QuestionGone => lang.t("quiz-question-gone"),
            QuizNotice::AnswerRange(max) => lang.tr("quiz-answer-range", &[arg("max", *max)]),
        }
    }
}

impl std::fmt::Display for QuizNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_read_in_english_and_in_russian() {
        assert_eq!(QuizNotice::RoundSize.to_string(), "A round has 1 to 20 questions.");
        assert_eq!(QuizNotice::RoundSize.text(Lang::Ru), "В раунде может быть от 1 до 20 вопросов.");
        let topic = QuizNotice::NoQuestions { topic: Some("energy".into()) };
        assert!(topic.text(Lang::Ru).contains("на тему energy"), "{}", topic.text(Lang::Ru));
        let unknown = QuizNotice::UnknownTopic { typed: "<x>".into(), topics: vec!["trade".into(), "energy".into()] };
        assert_eq!(unknown.to_string(), "I don't know the topic “<x>”. Try one of: trade, energy.");
        assert!(QuizNotice::BadTime("25:00".into()).text(Lang::Ru).contains("/quizschedule daily ЧЧ:ММ"));
        assert_eq!(QuizNotice::AnswerRange(3).text(Lang::Ru), "Ответьте числом от 1 до 3.");
    }
}
