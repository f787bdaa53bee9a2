//! The commands shared by the Telegram and console adapters, parsed here without any platform: one
//! `Command` enum, its names, and `/help`. Descriptions are the `cmd-NAME` messages of `data/locales`; the
//! Telegram command menu is built from [`MENU`] in `telegram::menu`.

use crate::{
    answer::Request,
    i18n::Lang,
    reply::{Reply, text},
};

/// A command to the bot, with the rest of its line as its argument (commands without one ignore it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// what Dossier can do
    Start(String),
    /// this list of commands
    Help,
    /// a country's fact card, e.g. /country India
    Country(String),
    /// a summit or organisation, e.g. /summit BRICS
    Summit(String),
    /// facts on a topic, e.g. /topic energy
    Topic(String),
    /// search the documents, e.g. /search transport corridor
    Search(String),
    /// subscribe to digests on a topic or name, e.g. /subscribe energy (alone: pick from a list)
    Subscribe(String),
    /// stop a subscription, or /unsubscribe all
    Unsubscribe(String),
    /// this chat's subscriptions and digest schedule
    Subscriptions(String),
    /// digest settings: /settings time 07:30 · tz Asia/Kolkata · daily · weekly mon
    Settings(String),
    /// pause digests
    Pause,
    /// resume digests
    Resume,
    /// send this chat's digest now
    Digest,
    /// a quiz poll from the facts; /quiz 5 energy runs a round of 5
    Quiz(String),
    /// end the running quiz round
    Quizstop,
    /// the quiz leaderboard
    Top,
    /// daily quiz: /quizschedule daily 18:00 [TOPIC], or /quizschedule off
    Quizschedule(String),
    /// interface language: /lang en or /lang ru
    Lang(String),
    /// answer a quiz in the terminal: /answer 2 (not in the menu)
    Answer(String),
    /// counts for the bot's owner (not in the menu)
    Stats,
    /// the owner's news feeds: /feed add URL, /feed remove URL
    Feed(String),
    /// the owner's news feeds, with their state and last error
    Feeds,
}

/// The commands `/help` and the Telegram menu list, in order (`/answer` and `/stats` are left out).
pub const MENU: &[&str] = &[
    "start",
    "help",
    "country",
    "summit",
    "topic",
    "search",
    "subscribe",
    "unsubscribe",
    "subscriptions",
    "settings",
    "pause",
    "resume",
    "digest",
    "quiz",
    "quizstop",
    "top",
    "quizschedule",
    "lang",
];

impl Command {
    /// The command named `name` (without the slash, lowercase) with its argument `args`.
    fn from_parts(name: &str, args: &str) -> Option<Command> {
        let args = args.to_owned();
        Some(match name {
            "start" => Command::Start(args),
            "help" => Command::Help,
            "country" => Command::Country(args),
            "summit" => Command::Summit(args),
            "topic" => Command::Topic(args),
            "search" => Command::Search(args),
            "subscribe" => Command::Subscribe(args),
            "unsubscribe" => Command::Unsubscribe(args),
            "subscriptions" => Command::Subscriptions(args),
            "settings" => Command::Settings(args),
            "pause" => Command::Pause,
            "resume" => Command::Resume,
            "digest" => Command::Digest,
            "quiz" => Command::Quiz(args),
            "quizstop" => Command::Quizstop,
            "top" => Command::Top,
            "quizschedule" => Command::Quizschedule(args),
            "lang" => Command::Lang(args),
            "answer" => Command::Answer(args),
            "stats" => Command::Stats,
            "feed" => Command::Feed(args),
            "feeds" => Command::Feeds,
            _ => return None,
        })
    }

    /// The core request behind a question command, or `None` for commands the adapters route themselves.
    pub fn to_request(&self) -> Option<Request> {
        Some(match self {
            Command::Start(payload) if payload.trim().is_empty() => Request::Start,
            // A deep link: t.me/<bot>?start=country-IN opens that card.
            Command::Start(payload) => crate::answer::links::request_for_payload(payload),
            Command::Help => return None,
            Command::Country(name) => Request::Country(name.clone()),
            Command::Summit(name) => Request::Summit(name.clone()),
            Command::Topic(name) => Request::Topic(name.clone()),
            Command::Search(words) => Request::Search(words.clone()),
            _ => return None,
        })
    }
}

/// The `/help` reply in `lang`: its title once, then every command of the menu with its `cmd-NAME` message.
pub fn help_reply(lang: Lang) -> Reply {
    let mut reply = Reply::default();
    reply.push_line(vec![text(lang.t("help-title"))]);
    reply.push_line(vec![text(lang.t("help-commands"))]);
    for name in MENU {
        reply.push_line(vec![text(format!("/{name} — {}", description(name, lang)))]);
    }
    reply.push_line(vec![]);
    reply.push_line(vec![text(lang.t("help-free-text"))]);
    reply
}

/// What the command `name` does, in `lang`.
pub fn description(name: &str, lang: Lang) -> String {
    lang.t(&format!("cmd-{name}"))
}

/// Why a line that looks like a command is not one.
#[derive(Debug, PartialEq, Eq)]
pub enum CommandOutcome {
    Command(Command),
    /// A command addressed to another bot (`/cmd@otherbot`): stay silent.
    ForAnotherBot,
    /// Not one of ours.
    Unknown(String),
}

/// Parses a command line (`/name[@bot] args`) for the bot `bot_username`: the name is matched exactly, a
/// `@bot` suffix case-insensitively, and the argument is the rest of the line after the first space.
pub fn parse(line: &str, bot_username: &str) -> CommandOutcome {
    let (head, args) = line.split_once(' ').unwrap_or((line, ""));
    let mut head = head.split('@');
    let name = head.next().unwrap_or_default();
    match head.next() {
        Some(bot) if !bot.eq_ignore_ascii_case(bot_username) => return CommandOutcome::ForAnotherBot,
        _ => {}
    }
    match name.strip_prefix('/').and_then(|name| Command::from_parts(name, args)) {
        Some(command) => CommandOutcome::Command(command),
        None => {
            let name = line.split_whitespace().next().unwrap_or_default();
            CommandOutcome::Unknown(name.split('@').next().unwrap_or_default().to_owned())
        }
    }
}

/// Answers a request through the core: a user error is shown as written, anything unexpected is logged
/// with its context and answered with a short apology.
pub async fn answer_or_apologise(dossier: &crate::answer::Dossier, request: &Request, lang: Lang) -> Reply {
    std::sync::Arc::unwrap_or_clone(shared_answer_or_apologise(dossier, request, lang).await)
}

/// The same, without copying a cached reply: the one the answer cache keeps, shared.
pub async fn shared_answer_or_apologise(
    dossier: &crate::answer::Dossier,
    request: &Request,
    lang: Lang,
) -> std::sync::Arc<Reply> {
    use crate::answer::AnswerError;
    match dossier.in_lang(lang).shared_answer(request).await {
        Ok(reply) => reply,
        Err(AnswerError::User(message)) => std::sync::Arc::new(Reply::text(message)),
        Err(AnswerError::Unexpected(error)) => {
            log::error!("answering {request:?} failed: {error:#}");
            std::sync::Arc::new(Reply::text(lang.t("sorry")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_with_its_argument_parses() {
        assert_eq!(parse("/country India", "bot"), CommandOutcome::Command(Command::Country("India".into())));
    }

    #[test]
    fn a_command_without_argument_parses_with_an_empty_one() {
        assert_eq!(parse("/country", "bot"), CommandOutcome::Command(Command::Country(String::new())));
    }

    #[test]
    fn a_command_addressed_to_this_bot_parses() {
        assert_eq!(
            parse("/country@dossier_bot China", "dossier_bot"),
            CommandOutcome::Command(Command::Country("China".into()))
        );
    }

    #[test]
    fn a_command_for_another_bot_is_not_ours() {
        assert_eq!(parse("/country@other_bot China", "dossier_bot"), CommandOutcome::ForAnotherBot);
    }

    #[test]
    fn an_unknown_command_is_reported_by_name() {
        assert_eq!(parse("/weather@x Paris", "x"), CommandOutcome::Unknown("/weather".into()));
    }

    #[test]
    fn help_lists_every_command() {
        for lang in Lang::ALL {
            let help = help_reply(lang).plain_text();
            for name in ["/start", "/help", "/country", "/summit", "/topic", "/search", "/lang"] {
                assert!(help.contains(name), "{name} missing from {help}");
            }
        }
    }

    #[test]
    fn help_gives_its_title_once() {
        for lang in Lang::ALL {
            let help = help_reply(lang).plain_text();
            assert_eq!(help.matches(&lang.t("help-title")).count(), 1, "{help}");
        }
    }

    #[test]
    fn every_menu_command_parses_and_has_a_description_in_every_language() {
        for name in MENU {
            assert!(matches!(parse(&format!("/{name}"), "bot"), CommandOutcome::Command(_)), "/{name}");
            for lang in Lang::ALL {
                assert!(!description(name, lang).starts_with("cmd-"), "{lang:?} lacks cmd-{name}");
            }
        }
        assert_eq!(description("help", Lang::Ru), "этот список команд");
    }

    #[test]
    fn the_argument_is_the_rest_of_the_line_and_commands_without_one_ignore_it() {
        assert_eq!(parse("/search  two words", "bot"), CommandOutcome::Command(Command::Search(" two words".into())));
        assert_eq!(parse("/help me", "bot"), CommandOutcome::Command(Command::Help));
        assert_eq!(parse("/stats@BOT", "bot"), CommandOutcome::Command(Command::Stats));
        assert_eq!(parse("/Country India", "bot"), CommandOutcome::Unknown("/Country".into()));
        assert_eq!(parse("/", "bot"), CommandOutcome::Unknown("/".into()));
    }
}
