//! Plausible wrong figures: the number inside a figure's text, and neighbours of the same unit and scale.

use super::shuffle::Rng;

/// A figure's text split around its number: "$" 240 " billion".
#[derive(Debug, Clone, PartialEq)]
pub struct Numeral {
    pub prefix: String,
    pub number: f64,
    pub suffix: String,
    /// Digits after the decimal point in the original.
    pub decimals: usize,
    /// Whether the original groups thousands with commas ("1,200").
    pub grouped: bool,
}

impl Numeral {
    /// Finds the number in a figure's text: digits ("1,200.5") or a number word ("Seven").
    pub fn parse(text: &str) -> Option<Numeral> {
        let bytes = text.as_bytes();
        if let Some(start) = bytes.iter().position(u8::is_ascii_digit) {
            let mut end = start;
            while end < bytes.len() {
                let b = bytes[end];
                let continues = b.is_ascii_digit()
                    || ((b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
                if !continues {
                    break;
                }
                end += 1;
            }
            let raw = text.get(start..end)?;
            let grouped = raw.contains(',');
            let plain = raw.replace(',', "");
            let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
            return Some(Numeral {
                prefix: text.get(..start)?.to_owned(),
                number: plain.parse().ok()?,
                suffix: text.get(end..)?.to_owned(),
                decimals,
                grouped,
            });
        }
        let first = text.split_whitespace().next()?;
        let number = crate::facts::extract::word_number(first)?;
        Some(Numeral {
            prefix: String::new(),
            number,
            suffix: text.get(first.len()..)?.to_owned(),
            decimals: 0,
            grouped: false,
        })
    }

    /// The figure's text with `number` in place of its own.
    pub fn render(&self, number: f64) -> String {
        let digits = format!("{:.*}", self.decimals, number);
        let digits = if self.grouped { group(&digits) } else { digits };
        format!("{}{digits}{}", self.prefix, self.suffix)
    }

    /// The correct answer, written the same way as the alternatives.
    pub fn correct(&self) -> String {
        self.render(self.number)
    }

    /// Up to three wrong values near the right one, a "nice" step apart (240 → 180, 210, 270), so that
    /// the right one is not always the middle one. `max` caps them (100 for percentages); `min` is the
    /// smallest value allowed (2 for counts of a plural noun).
    pub fn alternatives(&self, min: f64, max: Option<f64>, seed: u64) -> Vec<String> {
        let step = nice_step(self.number / 8.0, self.decimals);
        let patterns: [[i32; 3]; 4] = [[-2, -1, 1], [-1, 1, 2], [-3, -2, -1], [1, 2, 3]];
        let valid = |k: i32| {
            let v = self.number + f64::from(k) * step;
            v >= min && v > 0.0 && max.is_none_or(|m| v <= m)
        };
        let start = Rng::new(seed).below(patterns.len());
        let chosen = (0..patterns.len())
            .filter_map(|i| patterns.get((start + i) % patterns.len()))
            .find(|p| p.iter().all(|&k| valid(k)));
        let offsets: Vec<i32> = match chosen {
            Some(p) => p.to_vec(),
            None => [-1, 1, -2, 2, -3, 3, 4, 5, 6].into_iter().filter(|&k| valid(k)).take(3).collect(),
        };
        let correct = self.correct();
        let mut out: Vec<String> = Vec::new();
        for k in offsets {
            let text = self.render(self.number + f64::from(k) * step);
            if text != correct && !out.contains(&text) {
                out.push(text);
            }
        }
        out
    }
}

/// The "nice" step (1, 2, 2.5, 3 or 5 times a power of ten) closest to `raw`, no finer than the
/// original's precision.
fn nice_step(raw: f64, decimals: usize) -> f64 {
    let finest = 10f64.powi(-i32::try_from(decimals).unwrap_or(0));
    if !raw.is_finite() || raw <= finest {
        return finest;
    }
    let exponent = raw.log10().floor() as i32;
    let mut best = finest;
    let mut best_distance = f64::INFINITY;
    for e in [exponent - 1, exponent, exponent + 1] {
        for m in [1.0, 2.0, 2.5, 3.0, 5.0] {
            let step = m * 10f64.powi(e);
            // A step must be a whole number of the original's last digit.
            let units = step / finest;
            if step < finest || (units - units.round()).abs() > 1e-9 {
                continue;
            }
            let distance = (step / raw).ln().abs();
            if distance < best_distance {
                best = step;
                best_distance = distance;
            }
        }
    }
    best
}

/// "1234567.5" → "1,234,567.5".
fn group(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_patterns(text: &str, min: f64, max: Option<f64>) -> Vec<Vec<String>> {
        let n = Numeral::parse(text).unwrap();
        let mut seen: Vec<Vec<String>> = (0..40).map(|s| n.alternatives(min, max, s)).collect();
        seen.sort();
        seen.dedup();
        seen
    }

    #[test]
    fn money_keeps_its_currency_and_scale() {
        let n = Numeral::parse("$240 billion").unwrap();
        assert_eq!((n.prefix.as_str(), n.number, n.suffix.as_str()), ("$", 240.0, " billion"));
        let patterns = all_patterns("$240 billion", 0.0, None);
        assert!(patterns.contains(&vec!["$180 billion".into(), "$210 billion".into(), "$270 billion".into()]));
        assert!(patterns.len() > 1, "the right answer must not always sit in the middle");
        for p in patterns {
            assert_eq!(p.len(), 3);
            assert!(p.iter().all(|o| o.starts_with('$') && o.ends_with(" billion")));
        }
    }

    #[test]
    fn percentages_stay_at_or_below_a_hundred() {
        assert_eq!(all_patterns("95%", 0.0, Some(100.0)), vec![vec!["65%", "75%", "85%"]]);
    }

    #[test]
    fn small_counts_step_by_one_and_stay_plural() {
        for p in all_patterns("6 multilateral organizations", 2.0, None) {
            assert_eq!(p.len(), 3);
            assert!(p.iter().all(|o| o.ends_with(" multilateral organizations") && !o.starts_with("1 ")));
        }
        assert!(all_patterns("2 countries", 2.0, None).iter().all(|p| p.len() == 3));
    }

    #[test]
    fn number_words_become_digits() {
        let n = Numeral::parse("Seven joint statements").unwrap();
        assert_eq!(n.correct(), "7 joint statements");
    }

    #[test]
    fn grouping_and_decimals_follow_the_original() {
        let n = Numeral::parse("1,200 tons").unwrap();
        assert_eq!(n.render(1050.0), "1,050 tons");
        let n = Numeral::parse("$1.5 trillion").unwrap();
        assert_eq!(n.decimals, 1);
        assert!(n.alternatives(0.0, None, 3).iter().all(|o| o.contains('.')));
    }

    #[test]
    fn text_without_a_number_is_not_a_numeral() {
        assert_eq!(Numeral::parse("several countries"), None);
    }
}
