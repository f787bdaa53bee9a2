//! Test-side configuration of the stand-in: bot identity, chats, memberships, files, modes.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// Kind of a chat as Telegram reports it in `chat.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatType {
    Private,
    Group,
    Supergroup,
    Channel,
}

impl ChatType {
    /// Telegram's convention: positive ids are users, `-100…` (below -10^12) are
    /// supergroups/channels, other negative ids are basic groups.
    pub fn for_id(id: i64) -> Self {
        if id > 0 {
            Self::Private
        } else if id < -1_000_000_000_000 {
            Self::Supergroup
        } else {
            Self::Group
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Group => "group",
            Self::Supergroup => "supergroup",
            Self::Channel => "channel",
        }
    }
}

/// Overrides what the stand-in reports about one chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatSpec {
    pub kind: ChatType,
    pub title: Option<String>,
    pub username: Option<String>,
    pub is_forum: bool,
}

impl ChatSpec {
    pub fn new(kind: ChatType, title: &str) -> Self {
        Self { kind, title: Some(title.to_string()), username: None, is_forum: false }
    }
}

/// `status` of a ChatMember.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    Creator,
    Administrator,
    Member,
    Restricted,
    Left,
    Kicked,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creator => "creator",
            Self::Administrator => "administrator",
            Self::Member => "member",
            Self::Restricted => "restricted",
            Self::Left => "left",
            Self::Kicked => "kicked",
        }
    }
}

/// Global flood-control emulation (off unless `Config::rate_limit` is set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Sends accepted per sliding second over all chats (Telegram: ~30).
    pub global_per_sec: usize,
    /// Sends accepted per sliding second into one chat (Telegram: ~1).
    pub per_chat_per_sec: usize,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { global_per_sec: 30, per_chat_per_sec: 1 }
    }
}

/// Everything a test may tune; change it live with `StandIn::configure`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Bot user id; `None` = the numeric part of the token before `:` (as Telegram), else 1.
    pub bot_id: Option<i64>,
    pub bot_username: String,
    pub bot_first_name: String,
    pub can_join_groups: bool,
    pub can_read_all_group_messages: bool,
    pub supports_inline_queries: bool,
    /// Longest a getUpdates long poll is held, whatever `timeout` the bot asked for.
    pub long_poll_cap: Duration,
    /// Reject bare `>` and `&` in HTML (the Bot API docs require escaping them).
    pub strict_html: bool,
    /// Drop queued updates whose kind is not in the bot's `allowed_updates` (as Telegram does).
    pub honour_allowed_updates: bool,
    pub default_member_status: MemberStatus,
    /// `(chat_id, user_id)` → status for getChatMember / getChatAdministrators.
    pub members: HashMap<(i64, i64), MemberStatus>,
    /// chat_id → the bot's own status there (whatever its id is).
    pub bot_members: HashMap<i64, MemberStatus>,
    pub chats: HashMap<i64, ChatSpec>,
    /// Every send into these chats gets 403 (blocked / kicked, by chat type).
    pub blocked_chats: HashSet<i64>,
    pub rate_limit: Option<RateLimit>,
    /// file_id → content served by getFile + `/file/bot<token>/<path>`.
    pub files: HashMap<String, Vec<u8>>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bot_id: None,
            bot_username: "dossier_test_bot".to_string(),
            bot_first_name: "Dossier Test".to_string(),
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
            long_poll_cap: Duration::from_secs(1),
            strict_html: true,
            honour_allowed_updates: true,
            default_member_status: MemberStatus::Member,
            members: HashMap::new(),
            bot_members: HashMap::new(),
            chats: HashMap::new(),
            blocked_chats: HashSet::new(),
            rate_limit: None,
            files: HashMap::new(),
        }
    }
}

impl Config {
    /// The bot's user id for a request made with `token`.
    pub fn bot_id_for(&self, token: &str) -> i64 {
        self.bot_id.unwrap_or_else(|| token.split(':').next().and_then(|p| p.parse().ok()).unwrap_or(1))
    }

    pub fn chat_type(&self, chat_id: i64) -> ChatType {
        self.chats.get(&chat_id).map_or(ChatType::for_id(chat_id), |c| c.kind)
    }

    pub fn member_status(&self, chat_id: i64, user_id: i64, bot_id: i64) -> MemberStatus {
        if user_id == bot_id
            && let Some(s) = self.bot_members.get(&chat_id)
        {
            return *s;
        }
        let configured = self.members.get(&(chat_id, user_id)).copied();
        configured.unwrap_or(self.default_member_status)
    }
}
