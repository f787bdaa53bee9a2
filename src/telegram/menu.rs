//! The Telegram command menu (`setMyCommands`): the commands of `commands::MENU` with their descriptions in
//! each interface language.

use teloxide::types::BotCommand;

use crate::{
    commands::{self, MENU},
    i18n::Lang,
};

/// The command menu in `lang`, with bare names ("start") as the Bot API wants them.
pub fn menu(lang: Lang) -> Vec<BotCommand> {
    MENU.iter().map(|name| BotCommand::new(*name, commands::description(name, lang))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_lists_the_commands_in_every_language_without_the_hidden_ones() {
        for lang in Lang::ALL {
            let names: Vec<String> = menu(lang).into_iter().map(|c| c.command).collect();
            assert_eq!(names.first().map(String::as_str), Some("start"));
            assert!(names.iter().any(|n| n == "quiz") && !names.iter().any(|n| n == "stats" || n == "answer"));
        }
        let russian = menu(Lang::Ru);
        assert_eq!(
            russian.iter().find(|c| c.command == "help").map(|c| c.description.as_str()),
            Some("этот список команд")
        );
    }
}
