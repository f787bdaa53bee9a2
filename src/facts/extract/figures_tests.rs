//! Unit tests of money, percent, quantity, count and ordinal extraction.

use super::*;

fn one(s: &str) -> (FigureKind, f64, String, String) {
    let figures = extract_figures(s);
    assert_eq!(figures.len(), 1, "{s}: {figures:?}");
    let f = figures.into_iter().next().expect("one figure");
    (f.kind, f.value, f.unit, f.text)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn money_with_symbols_codes_and_words() {
    for (text, value, unit, span) in [
        ("trade reached $240 billion.", 240e9, "USD", "$240 billion"),
        ("a $1.5 trillion economy", 1.5e12, "USD", "$1.5 trillion"),
        ("worth USD 3 million", 3e6, "USD", "USD 3 million"),
        ("about €10 bn in", 10e9, "EUR", "€10 bn"),
        ("some 240 billion dollars", 240e9, "USD", "240 billion dollars"),
        ("около 2 трлн рублей", 2e12, "RUB", "2 трлн рублей"),
        ("a $5m grant", 5e6, "USD", "$5m"),
        ("1,250 euros each", 1250.0, "EUR", "1,250 euros"),
    ] {
        let (kind, v, u, t) = one(text);
        assert_eq!(kind, FigureKind::Money, "{text}");
        assert!(close(v, value), "{text}: {v}");
        assert_eq!((u.as_str(), t.as_str()), (unit, span), "{text}");
    }
}

#[test]
fn percentages_in_symbols_and_words() {
    assert_eq!(one("95% of payments").0, FigureKind::Percent);
    let (kind, v, u, t) = one("grew 12.5 percent");
    assert_eq!((kind, u.as_str(), t.as_str()), (FigureKind::Percent, "%", "12.5 percent"));
    assert!(close(v, 12.5));
    assert_eq!(one("up 2 percentage points").2, "pp");
    assert_eq!(one("на 15 процентов").0, FigureKind::Percent);
}

#[test]
fn quantities_use_canonical_units() {
    let (kind, v, u, _) = one("5 million tonnes of grain");
    assert_eq!((kind, u.as_str()), (FigureKind::Quantity, "tons"));
    assert!(close(v, 5e6));
    let (_, v, u, t) = one("a 1,200 km railway");
    assert_eq!((u.as_str(), t.as_str()), ("km", "1,200 km"));
    assert!(close(v, 1200.0));
    assert_eq!(one("200 tons of aid").2, "tons");
}

#[test]
fn counts_take_the_head_noun() {
    for (text, value, unit, span) in [
        ("36 countries took part", 36.0, "countries", "36 countries"),
        ("and 6 multilateral organizations.", 6.0, "organizations", "6 multilateral organizations"),
        ("Seven joint statements were adopted", 7.0, "statements", "Seven joint statements"),
        ("the first 17 agreements signed", 17.0, "agreements", "17 agreements"),
        ("5 million people live there", 5e6, "people", "5 million people"),
        ("one agreement", 1.0, "agreement", "one agreement"),
        ("36 стран приняли участие", 36.0, "countries", "36 стран"),
    ] {
        let (kind, v, u, t) = one(text);
        assert_eq!(kind, FigureKind::Count, "{text}");
        assert!(close(v, value), "{text}");
        assert_eq!((u.as_str(), t.as_str()), (unit, span), "{text}");
    }
}

#[test]
fn numbers_without_a_counted_noun_are_not_counts() {
    assert!(extract_figures("one of the largest").is_empty());
    assert!(extract_figures("COVID-19 cases rose").is_empty());
    assert!(extract_figures("it is 36 in total").is_empty());
}

#[test]
fn ordinals_name_what_they_count() {
    let (kind, v, u, t) = one("the 7th Gulf Cooperation Council (GCC) Ministerial Meeting");
    assert_eq!((kind, u.as_str(), t.as_str()), (FigureKind::Ordinal, "meeting", "7th"));
    assert!(close(v, 7.0));
    assert_eq!(one("chaired the 6th meeting").2, "meeting");
    let (_, v, u, t) = one("the first ministerial-level Russia-Africa Partnership Forum");
    assert_eq!((u.as_str(), t.as_str()), ("forum", "first"));
    assert!(close(v, 1.0));
    assert!(extract_figures("at first glance").is_empty());
    assert_eq!(one("the 21st century").2, "century");
}

#[test]
fn money_wins_over_count_and_dates_win_over_counts_for_years() {
    let figures = extract_figures("$240 billion in 2024 marks a record");
    let kinds: Vec<FigureKind> = figures.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![FigureKind::Money, FigureKind::Date]);
}

#[test]
fn spans_match_the_text_exactly() {
    let s = "Trade hit $240 billion, up 12.5 percent, with 36 countries on 12 May 2024.";
    for f in extract_figures(s) {
        assert_eq!(&s[f.start..f.end], f.text);
    }
}

#[test]
fn russian_money_takes_scales_and_currency_words_in_any_case() {
    for (text, value, unit, span) in [
        ("объём инвестиций превысил 17 млрд долларов.", 17e9, "USD", "17 млрд долларов"),
        ("кредит на 350 млн. евро выдан", 350e6, "EUR", "350 млн. евро"),
        ("выделено 2,5 миллиарда рублей", 2.5e9, "RUB", "2,5 миллиарда рублей"),
        ("контракт на 120 тыс. юаней", 120e3, "CNY", "120 тыс. юаней"),
        ("пошлины в 1 500 долл. за тонну", 1500.0, "USD", "1 500 долл."),
        ("свыше 3 трлн тенге", 3e12, "KZT", "3 трлн тенге"),
    ] {
        let (kind, v, u, t) = one(text);
        assert_eq!(kind, FigureKind::Money, "{text}");
        assert!(close(v, value), "{text}: {v}");
        assert_eq!((u.as_str(), t.as_str()), (unit, span), "{text}");
    }
}

#[test]
fn russian_percentages_keep_their_decimal_comma() {
    let (kind, v, u, t) = one("доля выросла до 12,5% за год");
    assert_eq!((kind, u.as_str(), t.as_str()), (FigureKind::Percent, "%", "12,5%"));
    assert!(close(v, 12.5));
    let (_, v, _, t) = one("рост на 7 процентов");
    assert_eq!(t, "7 процентов");
    assert!(close(v, 7.0));
}

#[test]
fn russian_quantities_take_scale_words_and_inflected_units() {
    for (text, value, unit, span) in [
        ("отправлено 12 тысяч тонн зерна", 12e3, "tons", "12 тысяч тонн"),
        ("дорога длиной 840 километров", 840.0, "km", "840 километров"),
        ("поставки 3 млн баррелей нефти", 3e6, "barrels", "3 млн баррелей"),
        ("станция мощностью 1 200 МВт", 1200.0, "MW", "1 200 МВт"),
    ] {
        let (kind, v, u, t) = one(text);
        assert_eq!(kind, FigureKind::Quantity, "{text}");
        assert!(close(v, value), "{text}: {v}");
        assert_eq!((u.as_str(), t.as_str()), (unit, span), "{text}");
    }
}

#[test]
fn russian_counts_have_canonical_nouns_and_spelled_numbers() {
    for (text, value, unit, span) in [
        ("в форуме участвовали 48 государств", 48.0, "states", "48 государств"),
        ("представители 15 международных организаций", 15.0, "organizations", "15 международных организаций"),
        ("прибыли 9 делегаций", 9.0, "delegations", "9 делегаций"),
        ("подписано двенадцать соглашений", 12.0, "agreements", "двенадцать соглашений"),
        ("лидеры пяти стран обсудили", 5.0, "countries", "пяти стран"),
        ("отмечают 30 лет дипломатических отношений", 30.0, "years", "30 лет"),
    ] {
        let (kind, v, u, t) = one(text);
        assert_eq!(kind, FigureKind::Count, "{text}");
        assert!(close(v, value), "{text}: {v}");
        assert_eq!((u.as_str(), t.as_str()), (unit, span), "{text}");
    }
}

#[test]
fn russian_words_that_only_look_like_numbers_are_not_counts() {
    assert!(extract_figures("Семья президента приехала.").is_empty());
    assert!(extract_figures("Сторона заявила, что три из них закрыты.").is_empty());
}

#[test]
fn a_number_too_large_for_a_double_is_no_figure() {
    let digits = "9".repeat(300);
    assert!(extract_figures(&format!("Trade reached ${digits} trillion.")).iter().all(|f| f.value.is_finite()));
    assert!(extract_figures(&format!("Торговля достигла {digits} трлн долларов.")).iter().all(|f| f.value.is_finite()));
}
