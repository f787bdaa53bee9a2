//! What the core answers with: rich text, buttons and polls, free of any messaging platform.

/// A chat, in the core's own terms (a Telegram chat id today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ChatId(pub i64);

/// A person, in the core's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct UserId(pub i64);

/// An inline piece of text with its style. Text is raw: adapters escape it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Span {
    Text(String),
    Bold(String),
    Italic(String),
    Code(String),
    Link {
        text: String,
        url: String,
    },
    /// A link that opens the bot on a card (`t.me/<bot>?start=<payload>`); adapters fill in the bot.
    DeepLink {
        text: String,
        payload: String,
    },
}

/// One block of a reply.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    /// A line of text.
    Line(Vec<Span>),
    /// A sentence quoted from a document.
    Quote(Vec<Span>),
    /// An empty line.
    Blank,
}

/// What pressing a button does.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Action {
    /// Comes back to the bot as this data (at most 64 bytes).
    Callback(String),
    /// Opens a URL.
    Url(String),
    /// Opens the bot (`start`) or adds it to a group (`startgroup`) with a payload; adapters fill in the bot.
    BotLink { payload: String, group: bool },
}

/// An inline button under a reply.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Button {
    pub text: String,
    pub action: Action,
}

/// A native quiz poll.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QuizPoll {
    pub question: String,
    pub options: Vec<String>,
    pub correct_option: usize,
    pub explanation: String,
    pub open_period_secs: u32,
    pub anonymous: bool,
}

/// Everything the core wants said in reply. The core never sends it itself.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reply {
    pub blocks: Vec<Block>,
    /// Rows of inline buttons.
    pub keyboard: Vec<Vec<Button>>,
    pub poll: Option<QuizPoll>,
}

impl Reply {
    /// A reply of one plain line.
    pub fn text(text: impl Into<String>) -> Self {
        Reply::default().line(vec![Span::Text(text.into())])
    }

    /// Appends a line.
    pub fn line(mut self, spans: Vec<Span>) -> Self {
        self.blocks.push(Block::Line(spans));
        self
    }

    /// Appends a line in place.
    pub fn push_line(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Line(spans));
    }

    /// Appends a quoted sentence in place.
    pub fn push_quote(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Quote(spans));
    }

    /// Appends an empty line in place, unless the reply is empty or already ends with one.
    pub fn push_blank(&mut self) {
        if !matches!(self.blocks.last(), None | Some(Block::Blank)) {
            self.blocks.push(Block::Blank);
        }
    }

    /// Adds a row of buttons.
    pub fn with_buttons(mut self, row: Vec<Button>) -> Self {
        if !row.is_empty() {
            self.keyboard.push(row);
        }
        self
    }
}

impl Span {
    /// The raw text inside the span.
    pub fn text(&self) -> &str {
        match self {
            Span::Text(t) | Span::Bold(t) | Span::Italic(t) | Span::Code(t) => t,
            Span::Link { text, .. } | Span::DeepLink { text, .. } => text,
        }
    }
}

/// Shorthand constructors used across the core.
pub fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}
pub fn bold(s: impl Into<String>) -> Span {
    Span::Bold(s.into())
}
pub fn italic(s: impl Into<String>) -> Span {
    Span::Italic(s.into())
}
pub fn code(s: impl Into<String>) -> Span {
    Span::Code(s.into())
}

/// What kind of chat a request comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
    Channel,
}

impl ChatKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Supergroup => "supergroup",
            ChatKind::Channel => "channel",
        }
    }
}

/// The chat a request is about, as the core needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRef {
    pub id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    /// Forum topic thread the request came from.
    pub thread_id: Option<i32>,
}

impl ChatRef {
    pub fn private(id: i64) -> Self {
        ChatRef { id, kind: ChatKind::Private, title: None, thread_id: None }
    }
}
