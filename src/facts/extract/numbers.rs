//! Number words, scales, currencies and measure units shared by the figure extractors.

/// An ASCII word boundary: unlike Unicode `\b`, it keeps the lazy DFA usable on non-ASCII text.
pub(super) const B: &str = r"(?-u:\b)";

/// A number with thousands separators and decimals ("1,200", "12.5", "240").
pub(super) const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";

/// English scale words after a number, captured as `scale` ("billion", "bn") or `scale1` ("5m").
pub(super) const SCALE: &str =
    r"(?:\s?(?P<scale>(?i:thousand|million|billion|trillion|mln|mn|bln|bn|trln|tn))|(?P<scale1>[kKmMbB]))";

/// Russian scale words, captured as `scale`.
pub(super) const SCALE_RU: &str = r"(?:\s?(?P<scale>тыс|млн|млрд|трлн)\.?)";

/// Parses "1,200.5" into 1200.5.
pub(super) fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The multiplier of a scale word (1e9 for "billion").
pub(super) fn scale_factor(word: &str) -> f64 {
    match word.to_lowercase().as_str() {
        "thousand" | "k" | "тыс" => 1e3,
        "million" | "mln" | "mn" | "m" | "млн" => 1e6,
        "billion" | "bln" | "bn" | "b" | "млрд" => 1e9,
        "trillion" | "trln" | "tn" | "трлн" => 1e12,
        _ => 1.0,
    }
}

/// Spelled-out cardinal numbers ("seven" → 7), for the extractor and the quiz's distractors.
pub fn word_number(word: &str) -> Option<f64> {
    const WORDS: &[(&str, f64)] = &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("thirteen", 13.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("sixteen", 16.0),
        ("seventeen", 17.0),
        ("eighteen", 18.0),
        ("nineteen", 19.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("dozen", 12.0),
    ];
    let lower = word.to_lowercase();
    WORDS.iter().find(|(w, _)| *w == lower).map(|(_, v)| *v)
}

/// Regex alternation of the spelled-out cardinals.
pub(super) const NUMBER_WORDS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen";

/// Spelled-out ordinals.
pub(super) fn word_ordinal(word: &str) -> Option<f64> {
    const WORDS: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let lower = word.to_lowercase();
    WORDS.iter().position(|w| *w == lower).map(|i| (i + 1) as f64)
}

/// Regex alternation of the spelled-out ordinals.
pub(super) const ORDINAL_WORDS: &str = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth";

/// ISO code of a currency symbol, code or word.
pub(super) fn currency(token: &str) -> Option<&'static str> {
    let t = token.trim().to_lowercase();
    let code = match t.as_str() {
        "$" | "us$" | "u.s.$" | "u.s. $" | "usd" | "dollar" | "dollars" | "us dollars" | "u.s. dollars" => "USD",
        "€" | "eur" | "euro" | "euros" | "евро" => "EUR",
        "£" | "gbp" | "pounds sterling" => "GBP",
        "₽" | "rub" | "ruble" | "rubles" | "rouble" | "roubles" | "руб" => "RUB",
        "c$" | "cad" => "CAD",
        "a$" | "aud" => "AUD",
        "cny" | "yuan" => "CNY",
        "inr" | "rupee" | "rupees" => "INR",
        "aed" | "dirham" | "dirhams" => "AED",
        "jpy" => "JPY",
        "chf" => "CHF",
        _ if t.starts_with("рубл") => "RUB",
        _ if t.starts_with("доллар") => "USD",
        _ if t.starts_with("юан") => "CNY",
        _ => return None,
    };
    Some(code)
}

/// Regex alternation of English measure units.
pub(super) const UNITS: &str = r"(?i:metric tons|metric tonnes|tonnes|tonne|tons|ton|kilometres|kilometers|kilometre|kilometer|km2|km|sq km|square kilometres|square kilometers|miles|barrels per day|barrels|bpd|bbl|billion cubic meters|billion cubic metres|cubic meters|cubic metres|bcm|m3|kwh|mwh|gwh|twh|megawatts|megawatt|gigawatts|gigawatt|mw|gw|kw|kilograms|kilogram|kg|hectares|hectare|ha|litres|liters|teu)";

/// Regex alternation of Russian measure units.
pub(super) const UNITS_RU: &str = r"(?i:тонн[а-яё]*|т|км|кг|га|баррел[а-яё]*|кубометр[а-яё]*|мвт|гвт)";

/// The canonical name of a measure unit ("tonnes" → "tons").
pub(super) fn canonical_unit(unit: &str) -> String {
    let u = unit.to_lowercase();
    let canonical = match u.as_str() {
        "metric tons" | "metric tonnes" | "tonnes" | "tonne" | "tons" | "ton" | "т" => "tons",
        "kilometres" | "kilometers" | "kilometre" | "kilometer" | "km" | "км" => "km",
        "km2" | "sq km" | "square kilometres" | "square kilometers" => "km2",
        "barrels per day" | "bpd" => "barrels/day",
        "barrels" | "bbl" => "barrels",
        "billion cubic meters" | "billion cubic metres" | "bcm" => "bcm",
        "cubic meters" | "cubic metres" | "m3" => "m3",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "twh" => "TWh",
        "megawatts" | "megawatt" | "mw" | "мвт" => "MW",
        "gigawatts" | "gigawatt" | "gw" | "гвт" => "GW",
        "kw" => "kW",
        "kilograms" | "kilogram" | "kg" | "кг" => "kg",
        "hectares" | "hectare" | "ha" | "га" => "hectares",
        "litres" | "liters" => "liters",
        "teu" => "TEU",
        _ if u.starts_with("тонн") => "tons",
        _ if u.starts_with("баррел") => "barrels",
        _ if u.starts_with("кубометр") => "m3",
        _ => return u,
    };
    canonical.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_separators_parse() {
        assert_eq!(parse_number("1,200.5"), Some(1200.5));
        assert_eq!(parse_number("95"), Some(95.0));
        assert_eq!(parse_number("x"), None);
    }

    #[test]
    fn currencies_have_iso_codes() {
        assert_eq!(currency("$"), Some("USD"));
        assert_eq!(currency("рублей"), Some("RUB"));
        assert_eq!(currency("Euros"), Some("EUR"));
    }

    #[test]
    fn spelled_numbers_and_ordinals_are_known() {
        assert_eq!(word_number("Seven"), Some(7.0));
        assert_eq!(word_ordinal("first"), Some(1.0));
        assert_eq!(word_ordinal("twentieth"), Some(20.0));
    }
}
