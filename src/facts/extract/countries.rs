//! Country entities from keshvar, with clean display names, news aliases, demonyms and Russian stems added on top.

use super::gazetteer::{RawAlias, Use};
use super::model::{Entity, EntityKind};

/// Curated fixes: `(alpha2, English name, Russian name, aliases, demonyms, Russian adjective stems)`.
/// Empty names keep keshvar's; lists are `|`-separated; an alias starting with `?` is accepted
/// from users but never matched in running text ("US", "America").
const FIXES: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("AE", "United Arab Emirates", "ОАЭ", "UAE|U.A.E.|Emirates|Объединённые Арабские Эмираты", "Emirati", "эмиратск"),
    ("AF", "", "", "", "Afghan", "афганск"),
    ("AM", "", "", "", "Armenian", "армянск"),
    ("AR", "", "", "", "Argentine|Argentinian", "аргентинск"),
    ("AT", "", "", "", "Austrian", "австрийск"),
    ("AU", "", "", "", "Australian", "австралийск"),
    ("AZ", "", "", "", "Azerbaijani", "азербайджанск"),
    ("BD", "", "", "", "Bangladeshi", ""),
    ("BE", "", "", "", "Belgian", "бельгийск"),
    ("BG", "", "", "", "Bulgarian", "болгарск"),
    ("BN", "Brunei", "Бруней", "Brunei Darussalam", "", ""),
    ("BO", "Bolivia", "", "Plurinational State of Bolivia", "Bolivian", "боливийск"),
    ("BR", "", "", "", "Brazilian", "бразильск"),
    ("BY", "", "Беларусь", "Белоруссия|Republic of Belarus", "Belarusian", "белорусск"),
    ("CA", "", "", "", "Canadian", "канадск"),
    ("CD", "Democratic Republic of the Congo", "ДР Конго", "DR Congo|DRC|Congo-Kinshasa|?Congo", "", ""),
    ("CG", "Republic of the Congo", "Республика Конго", "Congo-Brazzaville", "", ""),
    ("CH", "", "", "", "Swiss", "швейцарск"),
    ("CI", "Côte d'Ivoire", "", "Cote d'Ivoire|Ivory Coast", "Ivorian", ""),
    ("CN", "China", "Китай", "PRC|People's Republic of China|Mainland China|КНР", "Chinese", "китайск"),
    ("CU", "", "", "", "Cuban", "кубинск"),
    ("CZ", "Czechia", "Чехия", "Czech Republic", "Czech", "чешск"),
    ("DE", "", "", "ФРГ", "German", "германск|немецк"),
    ("DK", "", "", "", "Danish", "датск"),
    ("DZ", "", "", "", "Algerian", "алжирск"),
    ("EG", "", "", "", "Egyptian", "египетск|египт"),
    ("ES", "", "", "", "Spanish", "испанск"),
    ("ET", "", "", "", "Ethiopian", "эфиопск"),
    ("FI", "", "", "", "Finnish", "финск|финляндск"),
    ("FM", "Micronesia", "Микронезия", "Federated States of Micronesia", "", ""),
    ("FR", "", "", "", "French", "французск"),
    (
        "GB",
        "United Kingdom",
        "Великобритания",
        "UK|U.K.|Britain|Great Britain|Соединённое Королевство",
        "British",
        "британск",
    ),
    ("GE", "", "Грузия", "", "Georgian", "грузинск"),
    ("GR", "", "", "", "Greek", "греческ"),
    ("HU", "", "", "", "Hungarian", "венгерск"),
    ("ID", "", "", "", "Indonesian", "индонезийск"),
    ("IL", "", "", "", "Israeli", "израильск"),
    ("IN", "India", "Индия", "Republic of India|Bharat", "Indian", "индийск"),
    ("IQ", "", "", "", "Iraqi", "иракск"),
    ("IR", "Iran", "Иран", "Islamic Republic of Iran|Persia", "Iranian", "иранск"),
    ("IT", "", "", "", "Italian", "итальянск"),
    ("JP", "", "", "", "Japanese", "японск"),
    ("KG", "", "Киргизия", "Kyrgyz Republic|Кыргызстан", "Kyrgyz", "киргизск|кыргызск"),
    (
        "KP",
        "North Korea",
        "КНДР",
        "DPRK|Democratic People's Republic of Korea|Северная Корея",
        "North Korean",
        "северокорейск",
    ),
    ("KR", "South Korea", "Республика Корея", "Republic of Korea|ROK|Южная Корея", "South Korean", "южнокорейск"),
    ("KZ", "", "", "", "Kazakh|Kazakhstani", "казахстанск"),
    ("LA", "Laos", "Лаос", "Lao PDR|Lao People's Democratic Republic", "Laotian", "лаосск"),
    ("LB", "", "", "", "Lebanese", "ливанск"),
    ("LY", "", "", "", "Libyan", "ливийск"),
    ("MA", "", "", "", "Moroccan", "марокканск"),
    ("MD", "Moldova", "Молдавия", "Republic of Moldova|Молдова", "Moldovan", "молдавск|молдовск"),
    ("MK", "North Macedonia", "Северная Македония", "", "", ""),
    ("MM", "Myanmar", "", "Burma", "Burmese", "мьянманск"),
    ("MN", "", "", "", "Mongolian", "монгольск"),
    ("MX", "", "", "", "Mexican", "мексиканск"),
    ("NG", "", "", "", "Nigerian", "нигерийск"),
    ("NL", "", "", "Holland", "Dutch", "нидерландск|голландск"),
    ("NO", "", "", "", "Norwegian", "норвежск"),
    ("PK", "", "", "", "Pakistani", "пакистанск"),
    ("PL", "", "", "", "Polish", "польск"),
    ("PS", "Palestine", "Палестина", "State of Palestine", "Palestinian", "палестинск"),
    ("QA", "", "", "", "Qatari", "катарск"),
    ("RO", "", "", "", "Romanian", "румынск"),
    ("RS", "", "", "", "Serbian", "сербск"),
    ("RU", "Russia", "Россия", "Russian Federation|Российская Федерация|РФ", "Russian", "российск"),
    ("SA", "", "", "KSA", "Saudi", "саудовск"),
    ("SD", "", "", "", "Sudanese", "суданск"),
    ("SE", "", "", "", "Swedish", "шведск"),
    ("SK", "", "", "Slovak Republic", "Slovak", "словацк"),
    ("SY", "Syria", "Сирия", "Syrian Arab Republic", "Syrian", "сирийск"),
    ("SZ", "Eswatini", "", "Swaziland", "", ""),
    ("TH", "", "", "", "Thai", "тайск|таиландск"),
    ("TJ", "", "", "", "Tajik", "таджикск"),
    ("TL", "East Timor", "", "Timor-Leste", "", ""),
    ("TM", "", "", "", "Turkmen", "туркменск"),
    ("TR", "Turkey", "Турция", "Türkiye|Turkiye|Republic of Turkey", "Turkish", "турецк"),
    ("TW", "Taiwan", "Тайвань", "", "Taiwanese", "тайваньск"),
    ("TZ", "Tanzania", "Танзания", "United Republic of Tanzania", "Tanzanian", "танзанийск"),
    ("UA", "", "Украина", "", "Ukrainian", "украинск"),
    (
        "US",
        "United States",
        "США",
        "United States of America|USA|U.S.|U.S.A.|?US|?America|Соединённые Штаты|Соединённые Штаты Америки",
        "",
        "американск",
    ),
    ("UZ", "", "", "", "Uzbek", "узбекск"),
    ("VA", "Vatican", "Ватикан", "Holy See|Vatican City|Vatican City State|Святой Престол", "", "ватиканск"),
    ("VE", "Venezuela", "Венесуэла", "Bolivarian Republic of Venezuela", "Venezuelan", "венесуэльск"),
    ("VN", "Vietnam", "Вьетнам", "Viet Nam", "Vietnamese", "вьетнамск"),
    ("YE", "", "", "", "Yemeni", "йеменск"),
    ("ZA", "", "ЮАР", "RSA", "South African", "южноафриканск"),
];

/// Latin unofficial names that are ordinary words or other places: accepted from users only.
const NOT_IN_TEXT: &[&str] =
    &["Island", "Salvador", "Chine", "Inde", "Jersey", "Reunion", "Guernsey", "Chili", "England", "Man", "Georgien"];

fn split(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn is_clean(name: &str) -> bool {
    !name.contains(['(', ')', ',', '[', ']'])
}

fn is_latin_name(name: &str) -> bool {
    name.chars().all(|c| (c.is_alphabetic() && (c as u32) < 0x250) || matches!(c, ' ' | '-' | '\'' | '.'))
}

fn is_cyrillic_name(name: &str) -> bool {
    name.chars().all(|c| super::norm::is_cyrillic(c) || matches!(c, ' ' | '-'))
}

/// Appends every keshvar country to `entities` and their aliases to `aliases`.
pub(super) fn load(entities: &mut Vec<Entity>, aliases: &mut Vec<RawAlias>) {
    for country in keshvar::CountryIterator::new() {
        let code = country.alpha2().to_string();
        let fix = FIXES.iter().find(|f| f.0 == code);
        let en = country.translations().get("en").copied().unwrap_or("");
        let ru = country.translations().get("ru").copied().unwrap_or("");
        let iso = country.iso_short_name();
        let unofficial = country.unofficial_name_list();
        let name = [fix.map_or("", |f| f.1), en, iso]
            .into_iter()
            .chain(unofficial.iter().copied().filter(|n| is_latin_name(n)))
            .find(|n| !n.is_empty() && is_clean(n))
            .unwrap_or(iso)
            .to_string();
        let name_ru = [fix.map_or("", |f| f.2), ru].into_iter().find(|n| !n.is_empty()).map(str::to_string);
        let index = entities.len();
        let mut add = |text: &str, usage: Use, priority: u8| {
            if !text.trim().is_empty() {
                aliases.push(RawAlias { entity: index, text: text.to_string(), usage, priority });
            }
        };
        add(&name, Use::Text, 1);
        if let Some(r) = &name_ru {
            add(r, Use::Text, 1);
        }
        if let Some(f) = fix {
            for a in split(f.3) {
                match a.strip_prefix('?') {
                    Some(q) => add(q, Use::Query, 1),
                    None => add(a, Use::Text, 1),
                }
            }
            for d in split(f.4) {
                add(d, Use::Demonym, 1);
            }
            for s in split(f.5) {
                add(s, Use::RuStem, 1);
            }
        }
        for n in [iso, en, ru] {
            add(n, if is_clean(n) { Use::Text } else { Use::Query }, 2);
        }
        for n in unofficial {
            let text = is_clean(n) && !NOT_IN_TEXT.contains(n) && (is_latin_name(n) || is_cyrillic_name(n));
            add(n, if text { Use::Text } else { Use::Query }, 3);
        }
        add(&code, Use::Code, 4);
        add(&country.alpha3().to_string(), Use::Code, 4);
        entities.push(Entity {
            key: format!("country:{code}"),
            kind: EntityKind::Country,
            name,
            name_ru,
            aliases: Vec::new(),
            country: None,
            role: None,
            place: None,
            date: None,
            parent: None,
            related: Vec::new(),
        });
    }
}
