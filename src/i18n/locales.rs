//! The Fluent bundles, built once from the embedded `.ftl` files, and message formatting with fallback.

use std::sync::LazyLock;

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};

use super::Lang;

/// The `.ftl` source of each language, embedded so that tests and the binary need no paths.
pub const MESSAGE_SOURCES: [(Lang, &str); 2] =
    [(Lang::En, include_str!("../../data/locales/en.ftl")), (Lang::Ru, include_str!("../../data/locales/ru.ftl"))];

/// One bundle per language.
pub struct Locales {
    en: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
}

static LOCALES: LazyLock<Locales> = LazyLock::new(Locales::load);

impl Locales {
    fn load() -> Locales {
        Locales { en: bundle("en", MESSAGE_SOURCES[0].1), ru: bundle("ru", MESSAGE_SOURCES[1].1) }
    }

    fn of(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }
}

fn bundle(code: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid: unic_langid::LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Telegram text must stay clean: no U+2068/U+2069 around placed arguments.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
        log::error!("{code}.ftl has syntax errors: {errors:?}");
        resource
    });
    if let Err(errors) = bundle.add_resource(resource) {
        log::error!("{code}.ftl: {errors:?}");
    }
    bundle
}

/// Formats message `id` in `lang`, falling back to English and then to the key itself. String arguments
/// are escaped as markup text first.
pub fn format(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            FluentValue::String(s) => FluentValue::from(super::markup::escape(s)),
            other => other.clone(),
        };
        fluent_args.set(*name, value);
    }
    for lang in [lang, Lang::En] {
        let bundle = LOCALES.of(lang);
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                log::warn!("message {id} ({lang:?}): {errors:?}");
            }
            return text.into_owned();
        }
    }
    log::warn!("message {id} is missing");
    super::markup::escape(id)
}

/// The message ids of a language's file, sorted: the lines that start a message (`id = …`).
pub fn message_ids(lang: Lang) -> Vec<String> {
    let source = MESSAGE_SOURCES.iter().find(|(l, _)| *l == lang).map_or("", |(_, s)| s);
    let mut ids: Vec<String> = source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_owned()))
        .collect();
    ids.sort();
    ids
}
