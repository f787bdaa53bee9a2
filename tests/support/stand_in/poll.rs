//! sendPoll validation (Telegram's limits and descriptions) and the Poll object it produces.

use serde_json::{Value, json};

use super::html::utf16_len;
use super::validate::{formatted, trim};

pub const MAX_QUESTION_LEN: usize = 300;
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_OPTION_LEN: usize = 100;
pub const MAX_EXPLANATION_LEN: usize = 200;

pub const QUESTION_EMPTY: &str = "Bad Request: poll question must be non-empty";
pub const QUESTION_TOO_LONG: &str = "Bad Request: poll question length must not exceed 300";
pub const TOO_FEW_OPTIONS: &str = "Bad Request: poll must have at least 2 option";
pub const TOO_MANY_OPTIONS: &str = "Bad Request: poll can't have more than 10 options";
pub const OPTION_EMPTY: &str = "Bad Request: poll options must be non-empty";
pub const OPTION_TOO_LONG: &str = "Bad Request: poll options length must not exceed 100";
pub const OPTION_DUPLICATE: &str = "Bad Request: POLL_OPTION_DUPLICATE";
pub const BAD_OPTIONS: &str = "Bad Request: can't parse options JSON object";
pub const BAD_TYPE: &str = "Bad Request: wrong poll type specified";
pub const BAD_CORRECT_OPTION: &str = "Bad Request: wrong correct option ID specified";
pub const QUIZ_MULTIPLE: &str = "Bad Request: quiz poll can't allow multiple answers";
pub const EXPLANATION_TOO_LONG: &str = "Bad Request: poll explanation length must not exceed 200";
pub const BAD_OPEN_PERIOD: &str = "Bad Request: open_period must be between 5 and 600";

/// Checks a sendPoll body and builds the Bot API `Poll` object (without `id`).
/// Options may be plain strings or `InputPollOption` objects (`{"text": ...}`, what teloxide 0.17 sends).
pub fn validate_poll(body: &Value, strict_html: bool) -> Result<Value, String> {
    let question_raw = body.get("question").and_then(Value::as_str).unwrap_or("");
    let question = trim(formatted(
        question_raw,
        body.get("question_parse_mode").and_then(Value::as_str),
        body.get("question_entities"),
        strict_html,
    )?);
    if question.text.is_empty() {
        return Err(QUESTION_EMPTY.into());
    }
    if utf16_len(&question.text) > MAX_QUESTION_LEN {
        return Err(QUESTION_TOO_LONG.into());
    }
    let options = parse_options(body.get("options"))?;
    if options.len() < MIN_OPTIONS {
        return Err(TOO_FEW_OPTIONS.into());
    }
    if options.len() > MAX_OPTIONS {
        return Err(TOO_MANY_OPTIONS.into());
    }
    for (i, option) in options.iter().enumerate() {
        if option.is_empty() {
            return Err(OPTION_EMPTY.into());
        }
        if utf16_len(option) > MAX_OPTION_LEN {
            return Err(OPTION_TOO_LONG.into());
        }
        if options[..i].contains(option) {
            return Err(OPTION_DUPLICATE.into());
        }
    }
    let kind = body.get("type").and_then(Value::as_str).unwrap_or("regular");
    if kind != "regular" && kind != "quiz" {
        return Err(BAD_TYPE.into());
    }
    let multiple = body.get("allows_multiple_answers").and_then(Value::as_bool) == Some(true);
    let correct = body.get("correct_option_id").and_then(Value::as_i64);
    if kind == "quiz" {
        if correct.is_none_or(|c| c < 0 || c as usize >= options.len()) {
            return Err(BAD_CORRECT_OPTION.into());
        }
        if multiple {
            return Err(QUIZ_MULTIPLE.into());
        }
    }
    let explanation = match body.get("explanation").and_then(Value::as_str) {
        None => None,
        Some(text) => {
            let mode = body.get("explanation_parse_mode").and_then(Value::as_str);
            let ents = body.get("explanation_entities");
            let parsed = trim(formatted(text, mode, ents, strict_html)?);
            if utf16_len(&parsed.text) > MAX_EXPLANATION_LEN {
                return Err(EXPLANATION_TOO_LONG.into());
            }
            Some(parsed)
        }
    };
    let open_period = body.get("open_period").and_then(Value::as_i64);
    if open_period.is_some_and(|p| !(5..=600).contains(&p)) {
        return Err(BAD_OPEN_PERIOD.into());
    }
    let mut poll = json!({
        "question": question.text,
        "options": options.iter().map(|t| json!({"text": t, "voter_count": 0})).collect::<Vec<_>>(),
        "total_voter_count": 0,
        "is_closed": body.get("is_closed").and_then(Value::as_bool).unwrap_or(false),
        "is_anonymous": body.get("is_anonymous").and_then(Value::as_bool).unwrap_or(true),
        "type": kind,
        "allows_multiple_answers": multiple,
    });
    if !question.entities.is_empty() {
        poll["question_entities"] = json!(question.entities);
    }
    if kind == "quiz" {
        poll["correct_option_id"] = json!(correct);
    }
    if let Some(exp) = explanation.filter(|e| !e.text.is_empty()) {
        poll["explanation"] = json!(exp.text);
        if !exp.entities.is_empty() {
            poll["explanation_entities"] = json!(exp.entities);
        }
    }
    if let Some(p) = open_period {
        poll["open_period"] = json!(p);
    }
    if let Some(d) = body.get("close_date").and_then(Value::as_i64) {
        poll["close_date"] = json!(d);
    }
    Ok(poll)
}

fn parse_options(options: Option<&Value>) -> Result<Vec<String>, String> {
    let parsed;
    let list = match options {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => {
            parsed = serde_json::from_str::<Value>(s).map_err(|_| BAD_OPTIONS.to_string())?;
            &parsed
        }
        Some(v) => v,
    };
    let list = list.as_array().ok_or(BAD_OPTIONS)?;
    list.iter()
        .map(|o| match o {
            Value::String(s) => Ok(s.trim().to_string()),
            Value::Object(m) => match m.get("text") {
                Some(Value::String(s)) => Ok(s.trim().to_string()),
                _ => Err(BAD_OPTIONS.to_string()),
            },
            _ => Err(BAD_OPTIONS.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(extra: Value) -> Value {
        let mut body = json!({"chat_id": 1, "question": "Q?", "options": [{"text": "a"}, {"text": "b"}]});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        body
    }

    fn rejected(extra: Value) -> String {
        validate_poll(&poll(extra.clone()), true).expect_err(&format!("{extra} must be rejected"))
    }

    #[test]
    fn minimal_regular_poll() {
        let p = validate_poll(&poll(json!({})), true).expect("valid");
        assert_eq!(p["type"], "regular");
        assert_eq!(p["is_anonymous"], true);
        assert_eq!(p["options"][1], json!({"text": "b", "voter_count": 0}));
        assert!(p.get("correct_option_id").is_none());
    }

    #[test]
    fn options_as_plain_strings_or_json_string() {
        assert!(validate_poll(&poll(json!({"options": ["a", "b"]})), true).is_ok());
        assert!(validate_poll(&poll(json!({"options": "[\"a\",\"b\"]"})), true).is_ok());
        assert_eq!(rejected(json!({"options": [1, 2]})), BAD_OPTIONS);
    }

    #[test]
    fn question_limits() {
        assert_eq!(rejected(json!({"question": "  "})), QUESTION_EMPTY);
        assert_eq!(rejected(json!({"question": "q".repeat(301)})), QUESTION_TOO_LONG);
        assert!(validate_poll(&poll(json!({"question": "я".repeat(300)})), true).is_ok());
    }

    #[test]
    fn option_limits() {
        assert_eq!(rejected(json!({"options": ["a"]})), TOO_FEW_OPTIONS);
        assert_eq!(rejected(json!({"options": []})), TOO_FEW_OPTIONS);
    }

    #[test]
    fn option_count_length_and_duplicates() {
        let eleven: Vec<String> = (0..11).map(|i| format!("o{i}")).collect();
        assert_eq!(rejected(json!({"options": eleven})), TOO_MANY_OPTIONS);
        let ten: Vec<String> = (0..10).map(|i| format!("o{i}")).collect();
        assert!(validate_poll(&poll(json!({"options": ten})), true).is_ok());
        assert_eq!(rejected(json!({"options": ["a", " "]})), OPTION_EMPTY);
        assert_eq!(rejected(json!({"options": ["a", "b".repeat(101)]})), OPTION_TOO_LONG);
        assert_eq!(rejected(json!({"options": ["a", "b", "a"]})), OPTION_DUPLICATE);
        assert_eq!(rejected(json!({"options": null})), TOO_FEW_OPTIONS);
    }

    #[test]
    fn quiz_rules() {
        let ok = validate_poll(&poll(json!({"type": "quiz", "correct_option_id": 1})), true);
        assert_eq!(ok.expect("valid quiz")["correct_option_id"], 1);
        assert_eq!(rejected(json!({"type": "quiz"})), BAD_CORRECT_OPTION);
        assert_eq!(rejected(json!({"type": "quiz", "correct_option_id": 2})), BAD_CORRECT_OPTION);
        assert_eq!(rejected(json!({"type": "quiz", "correct_option_id": -1})), BAD_CORRECT_OPTION);
        let multi = json!({"type": "quiz", "correct_option_id": 0, "allows_multiple_answers": true});
        assert_eq!(rejected(multi), QUIZ_MULTIPLE);
        assert_eq!(rejected(json!({"type": "survey"})), BAD_TYPE);
    }

    #[test]
    fn explanation_is_parsed_and_limited() {
        let quiz = |exp: &str| {
            json!({"type": "quiz", "correct_option_id": 0, "explanation": exp,
                   "explanation_parse_mode": "HTML"})
        };
        let p = validate_poll(&poll(quiz("<b>Because</b> &lt;3")), true).expect("valid");
        assert_eq!(p["explanation"], "Because <3");
        assert_eq!(p["explanation_entities"][0]["type"], "bold");
        let tagged = format!("<i>{}</i>", "x".repeat(200));
        assert!(validate_poll(&poll(quiz(&tagged)), true).is_ok());
        let long = "x".repeat(201);
        assert_eq!(rejected(quiz(&long)), EXPLANATION_TOO_LONG);
        assert!(rejected(quiz("<script>")).starts_with("Bad Request: can't parse entities"));
    }

    #[test]
    fn open_period_range() {
        assert_eq!(rejected(json!({"open_period": 4})), BAD_OPEN_PERIOD);
        assert_eq!(rejected(json!({"open_period": 601})), BAD_OPEN_PERIOD);
        let p = validate_poll(&poll(json!({"open_period": 600})), true).expect("valid");
        assert_eq!(p["open_period"], 600);
    }
}
