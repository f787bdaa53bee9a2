//! The command menu shared by the Telegram and console adapters: one `BotCommands` enum, whose doc
//! comments become `/help` and the Telegram command menu.

use teloxide::utils::command::BotCommands;

use crate::{
    answer::Request,
    i18n::Lang,
    reply::{Reply, text},
};

/// Dossier answers from documents and quotes the sentence behind every answer.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(
    rename_rule = "lowercase",
    description = "Dossier answers from documents and quotes the sentence behind every answer.\nCommands:"
)]
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
    /// answer a quiz in the terminal: /answer 2
    #[command(hide)]
    Answer(String),
    /// counts for the bot's owner
    #[command(hide)]
    Stats,
    /// the owner's news feeds: /feed add URL, /feed remove URL
    #[command(hide)]
    Feed(String),
    /// the owner's news feeds, with their state and last error
    #[command(hide)]
    Feeds,
}

impl Command {
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
    for command in menu(lang) {
        reply.push_line(vec![text(format!("/{} — {}", command.command, command.description))]);
    }
    reply.push_line(vec![]);
    reply.push_line(vec![text(lang.t("help-free-text"))]);
    reply
}

/// The command menu in `lang`, with bare names ("start") as the Bot API wants them.
pub fn menu(lang: Lang) -> Vec<teloxide::types::BotCommand> {
    Command::bot_commands()
        .into_iter()
        .map(|mut c| {
            c.command = c.command.trim_start_matches('/').to_owned();
            c.description = lang.t(&format!("cmd-{}", c.command));
            c
        })
        .collect()
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

/// Parses a command line for the bot `bot_username`.
pub fn parse(line: &str, bot_username: &str) -> CommandOutcome {
    use teloxide::utils::command::ParseError;
    match Command::parse(line, bot_username) {
        Ok(command) => CommandOutcome::Command(command),
        Err(ParseError::WrongBotName(_)) => CommandOutcome::ForAnotherBot,
        Err(_) => {
            let name = line.split_whitespace().next().unwrap_or_default();
            CommandOutcome::Unknown(name.split('@').next().unwrap_or_default().to_owned())
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
    fn every_menu_command_has_a_description_in_every_language() {
        for lang in Lang::ALL {
            for command in menu(lang) {
                assert!(!command.description.starts_with("cmd-"), "{lang:?} lacks cmd-{}", command.command);
            }
        }
        assert_eq!(
            menu(Lang::Ru).iter().find(|c| c.command == "help").map(|c| c.description.as_str()),
            Some("этот список команд")
        );
    }
}

/// Answers a request through the core: a user error is shown as written, anything unexpected is logged
/// with its context and answered with a short apology.
pub async fn answer_or_apologise(dossier: &crate::answer::Dossier, request: &Request, lang: Lang) -> Reply {
    use crate::answer::AnswerError;
    match dossier.in_lang(lang).answer(request).await {
        Ok(reply) => reply,
        Err(AnswerError::User(message)) => Reply::text(message),
        Err(AnswerError::Unexpected(error)) => {
            log::error!("answering {request:?} failed: {error:#}");
            Reply::text(lang.t("sorry"))
        }
    }
}
