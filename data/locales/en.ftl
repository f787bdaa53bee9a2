# Dossier's interface in English. Messages use a small subset of Telegram HTML: <b>, <i>, <code>,
# and &amp; &lt; &gt; for the characters & < >. Arguments ({ $name }) are escaped by the bot.

## /start
welcome-intro = 👋 I am <b>Dossier</b>: I answer from documents and quote the sentence behind every answer.
welcome-ask = <b>Ask</b>
welcome-ask-examples = • <code>/country India</code>, <code>/summit BRICS</code>, <code>/topic energy</code>, <code>/search transport corridor</code>
welcome-ask-free = • or just write: <code>How much did Russia trade with China?</code>
welcome-follow = <b>Follow</b>
welcome-follow-how = • <code>/subscribe</code> picks topics for a digest; <code>/settings</code> sets when it comes.
welcome-play = <b>Play</b>
welcome-play-how = • Add me to a group and send <code>/quiz 5</code> for a round of quiz polls; <code>/top</code> shows the leaderboard.
welcome-help = /help lists every command.
welcome-add-to-group = ➕ Add Dossier to a group

## /help and the command menu
help-title = Dossier answers from documents and quotes the sentence behind every answer.
help-commands = Commands:
help-free-text = Or just ask a question in plain words.
cmd-start = what Dossier can do
cmd-help = this list of commands
cmd-country = a country's fact card, e.g. /country India
cmd-summit = a summit or organisation, e.g. /summit BRICS
cmd-topic = facts on a topic, e.g. /topic energy
cmd-search = search the documents, e.g. /search transport corridor
cmd-subscribe = subscribe to digests on a topic or name, e.g. /subscribe energy (alone: pick from a list)
cmd-unsubscribe = stop a subscription, or /unsubscribe all
cmd-subscriptions = this chat's subscriptions and digest schedule
cmd-settings = digest settings: /settings time 07:30 · tz Asia/Kolkata · daily · weekly mon
cmd-pause = pause digests
cmd-resume = resume digests
cmd-digest = send this chat's digest now
cmd-quiz = a quiz poll from the facts; /quiz 5 energy runs a round of 5
cmd-quizstop = end the running quiz round
cmd-top = the quiz leaderboard
cmd-quizschedule = daily quiz: /quizschedule daily 18:00 [TOPIC], or /quizschedule off
cmd-lang = interface language: /lang en or /lang ru

## /lang
lang-set = 🌐 I will speak English in this chat.
lang-usage = Usage: /lang en or /lang ru

## Common replies
usage = Usage: /{ $command } NAME — for example /{ $command } { $example }
sorry = Sorry, something went wrong on my side. Please try again in a minute.
unknown-command = I don't know { $name }. /help lists the commands I do.
hello-chat = 👋 Hello! I answer from documents and quote the sentence behind every answer. Begin with /help, try /quiz 5 for a quiz round, or /subscribe for digests.
slow-down = ⏳ That's a lot of messages at once: I'll skip some. Give me a few seconds.
link-outdated = That link is out of date: the documents no longer name it.
fact-gone = That fact is no longer in the documents.
count-facts = { $count ->
    [one] 1 fact
   *[other] { $count } facts
}

## Cards
group-figures = 💰 Figures
group-visits = ✈️ Visits
group-agreements = 🤝 Agreements
group-projects = 🏗 Projects
group-relations = 🌐 Relations
card-more = …and { $count } more:{" "}
card-more-end = …and { $count } more.
source-single = 📄 Source:{" "}
source-paragraph = , the full paragraph:
button-subscribe = 🔔 Subscribe to { $name }
button-quiz = ❓ Quiz me on { $name }
button-source = 📄 Source

## Names
names-did-you-mean = 🤔 <b>{ $query }</b> is not in the documents. Did you mean{" "}
names-or = {" "}or{" "}
names-unknown = 🔍 <b>{ $query }</b> is not in the documents.
names-closest = Closest names:{" "}
names-not-mentioned = 📭 The documents say nothing about <b>{ $name }</b> yet.
topic-nothing = 📭 The documents say nothing on <b>{ $name }</b> yet.
topic-unknown = 🔍 <b>{ $name }</b> is not a topic I know.
topic-list = Topics:{" "}

## Search and free text
search-found = 🔎 Found in the documents:
search-nothing = 🔍 Nothing in the documents matches <b>{ $words }</b>.
question-unknown = 🤷 The documents don't say anything about that, so I won't guess.
question-try = Try /search with a few key words, or /help.
question-found = 📌 From the documents:
## Free-text answers: refusals and the stated answer.
answer-not-mentioned = 📭 The documents don't mention <b>{ $name }</b>.
answer-missing = 🤷 The documents mention { $names }, but no sentence about them gives { $what }.
answer-yes = Yes
answer-month-year = { $month } { $year }
names-and = {" "}and{" "}
asked-when = a date
asked-how-much = an amount
asked-how-many = a number
asked-share = a share
asked-where = a place
asked-who = a name
asked-which-countries = the countries
asked-role = a role
asked-yes-no = an answer to that
asked-other = what you asked
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
inline-card = Fact card with quoted sources
inline-found = 📌 <b>From the documents:</b>

## Digests
schedule-daily = daily at { $time } ({ $tz })
schedule-weekly = weekly on { $day } at { $time } ({ $tz })
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
digest-subscribed = ✅ Subscribed to <b>{ $name }</b>.
digest-already = You are already subscribed to <b>{ $name }</b>.
digest-when = Digests come { $schedule }; /digest sends one now.
digest-unsubscribed-none = There was nothing to unsubscribe from.
digest-unsubscribed-all = 🔕 Unsubscribed from all { $count } subscription(s).
digest-unsubscribed = 🔕 Unsubscribed from <b>{ $name }</b>.
digest-not-subscribed = This chat is not subscribed to <b>{ $name }</b>.
digest-no-subscriptions = This chat has no subscriptions yet.
digest-subject-gone = • { $name } — no longer in the documents (kept: it comes back if a document names it again)
digest-try = Try <code>/subscribe energy</code>, or /subscribe alone for a list.
digest-subscriptions = <b>🔔 Subscriptions</b>
digest-come = Digests come { $schedule }.
digest-paused-note = ⏸ Paused: /resume to get digests again.
digest-on-hold = ⚠️ Delivery is on hold ({ $why }); /resume when the bot can post again.
settings-title = <b>⚙️ Settings</b>
settings-digest = Digest: { $schedule }
settings-quiz = Quiz polls stay open { $secs } s
settings-quiz-set = ✅ Quiz polls now stay open { $secs } s.
settings-set = ✅ Digests now come { $schedule }.
digest-paused = ⏸ Digests paused. /resume brings them back; nothing is lost meanwhile.
digest-resumed = ▶️ Digests resumed.
digest-none-yet = This chat has no subscriptions yet: /subscribe picks topics.
digest-since-subscribed = you subscribed
digest-nothing-new = Nothing new since { $since }.
digest-on-its-way = A digest is already on its way.
digest-topics = <b>🔔 Topics</b>
digest-topics-how = Tap to subscribe or unsubscribe. Countries and names work too: <code>/subscribe India</code>
digest-stale-list = That button is out of date. Send /subscribe for a fresh list.
digest-stale = That button is out of date.
digest-toggle-off = Unsubscribed from { $name }
digest-toggle-on = Subscribed to { $name }
digest-followed = 🔔 Subscribed to { $name }: digests come { $schedule }.
digest-already-plain = You are already subscribed to { $name }.

## Refusals
admin-check-failed = I couldn't check whether you are an admin here. Please try again in a moment.
admin-only = 🔒 Only this chat's admins can change its subscriptions, settings and quiz schedule.
admin-who = I can't tell who you are.
channel-not-found = I can't find { $handle }. Check the name, and add me to the channel as an admin first.
channel-bot-not-admin = I am not an admin of { $handle }. Add me as an administrator who can post messages, then try again.
channel-admins-only = Only admins of { $handle } can manage its digests and quizzes.
quiz-admin-long = 🔒 In groups, only admins can start rounds longer than 5 questions.
quiz-admin-schedule = 🔒 Only this chat's admins can schedule quizzes.
quiz-answer-terminal = /answer is for the terminal; tap an option of the poll.
button-stale = That button is out of date. Send the command again for fresh buttons.
button-send-failed = Sorry, I couldn't send that.
button-admins-only = Only admins can change this chat's subscriptions.
button-sorry = Sorry, something went wrong. Please try again.

## Quiz leaderboard
quiz-board-empty = No quiz answers here yet. Start a quiz with /quiz.
quiz-board-title = 🏆 <b>Quiz leaderboard</b>
quiz-board-week = <b>This week</b>
quiz-board-week-empty = No answers yet this week.
quiz-board-all-time = <b>All time</b>
quiz-board-not-on = You are not on the board yet: answer a quiz to join.
quiz-board-score = {" "}— { $correct } of { $answered }
quiz-board-you = { $score } (you)

## Quiz rounds and their errors
quiz-round-size = A round has 1 to { $max } questions.
quiz-no-questions = There are no quiz questions yet: the fact base is empty.
quiz-no-questions-on = There are no quiz questions on { $topic } yet.
quiz-round-running = A quiz round is already running here. /quizstop ends it.
quiz-no-round = No quiz round is running here.
quiz-round-unknown = That quiz round is unknown.
quiz-unknown-topic = I don't know the topic “{ $topic }”.
quiz-unknown-topic-try = I don't know the topic “{ $topic }”. Try one of: { $topics }.
quiz-over = 🏁 <b>Quiz over: { $asked ->
    [one] 1 question
   *[other] { $asked } questions
}</b>
quiz-stopped = 🏁 <b>Quiz stopped after { $asked } of { $total } questions</b>
quiz-nobody-answered = Nobody answered.
quiz-nobody-right = Nobody got one right.
quiz-winner = 🏆 Winner:{" "}
quiz-winners = 🏆 Winners:{" "}
quiz-winner-score = {" "}with { $correct } of { $asked }
quiz-player = Player { $id }
quiz-ask-bot = Ask @{ $bot } for the full fact.
quiz-ask-the-bot = Ask the bot for the full fact.

## Quiz schedules
quiz-schedule-usage = Usage: /quizschedule daily HH:MM [TOPIC] — for example /quizschedule daily 09:00 energy — or /quizschedule off
quiz-schedule-bad-time = “{ $time }” is not a time like 09:00. { quiz-schedule-usage }
quiz-schedule-set = ⏰ A daily quiz at <b>{ $time } ({ $tz })</b>. /quizschedule off stops it.
quiz-schedule-set-on = ⏰ A daily quiz on { $topic } at <b>{ $time } ({ $tz })</b>. /quizschedule off stops it.
quiz-schedule-off = The daily quiz is off.
quiz-schedule-none = There was no daily quiz here.

## Quiz in the terminal
quiz-answer-how = Answer with /answer N.
quiz-answer-usage = Usage: /answer N — the number of the option you choose
quiz-answer-range = Answer with a number from 1 to { $max }.
quiz-nothing-to-answer = No question is waiting for an answer. /quiz asks one.
quiz-question-gone = That question is gone. /quiz asks another.
quiz-right = ✅ Right: <b>{ $answer }</b>
quiz-wrong = ❌ Not quite. The answer is <b>{ $answer }</b>
console-unknown-command = I don't know that command. /help lists the ones I do.
console-stats = /stats is for the bot's owner in Telegram.
console-lang = The terminal speaks English; /lang sets a Telegram chat's language.
console-quiz-only = Quiz rounds and schedules run in Telegram groups; here, /quiz asks one question.

## Digest bodies, subjects and settings errors
digest-title = 📰 <b>Your digest</b> — { $count ->
    [one] 1 new fact
   *[other] { $count } new facts
}
digest-full-card = full card →
digest-more = ➕ { $facts } more next time (or send /digest).
subject-unknown = 🔍 <b>{ $name }</b> is neither a topic nor a name in the documents.
subject-did-you-mean = Did you mean{" "}
subject-pick = Send /subscribe alone to pick from a list of topics.
unsubscribe-usage = Usage: /unsubscribe TOPIC — for example /unsubscribe energy, or /unsubscribe all
settings-usage = Usage: /settings time 07:30 · /settings tz Asia/Kolkata · /settings daily · /settings weekly mon · /settings quiz 45
settings-bad-time = “{ $value }” is not a time of day. Write it as HH:MM, for example 07:30.
settings-bad-tz = “{ $value }” is not a timezone I know. Use an IANA name such as Europe/Moscow, Asia/Kolkata or UTC.
settings-bad-day = “{ $value }” is not a day of the week. Use mon, tue, wed, thu, fri, sat or sun.
settings-bad-quiz = “{ $value }” is not a poll duration. Give seconds from 5 to 600, for example /settings quiz 45.

## The owner: uploads and /stats
owner-only-documents = Thanks! Only the bot's owner can add documents to the fact base, though.
owner-file-type = Send the document as a .txt or .md file, please.
owner-too-large = { $name } is too large: documents may be at most 16 MB.
owner-unchanged = <b>{ $name }</b> is already in the fact base, unchanged.
owner-ingested = 📥 <b>{ $name }</b> ingested: { $count ->
    [one] 1 sentence
   *[other] { $count } sentences
}. Subscribed chats get its facts in their next digest.
owner-ingest-failed = Sorry, ingesting that document failed on my side. The fact base is unchanged.
owner-ingest-refused = I couldn't ingest that: { $why }
owner-why-empty = the file is empty.
owner-why-binary = it looks like a binary file, not text.
owner-why-not-utf8 = the text is not UTF-8; convert it first (for example with iconv -f WINDOWS-1251 -t UTF-8).
owner-why-no-sentences = the text has no sentences.
stats-only-owner = 🔒 /stats is only for the bot's owner.
stats-title = <b>📊 Dossier</b>
stats-chats = Chats: { $chats } ({ $unreachable } unreachable)
stats-subscriptions = Subscriptions: { $count }
stats-documents = Documents: { $documents } · facts: { $facts }
stats-digests = Digests sent in 24 h: { $sent } · errors: { $errors } · waiting: { $waiting }
stats-unavailable = Sorry, the statistics are not available right now.
feeds-only-owner = 🔒 Only the bot's owner can manage news feeds.
feed-usage = Use /feed add URL or /feed remove URL; /feeds lists the feeds.
feed-added = 📰 Added the feed { $url }. New articles will arrive within { $minutes } min.
feed-reactivated = 📰 The feed { $url } is active again.
feed-already = The feed { $url } is already being read.
feed-removed = Removed the feed { $url }. Its articles stay in the fact base.
feed-not-found = { $url } is not one of the feeds; /feeds lists them.
feed-refused = That address cannot be used: { $why }
feed-failed = Sorry, changing the feeds failed on my side. Nothing was changed.
feeds-none = No news feeds yet. Add one with /feed add URL.
feeds-title = <b>📰 News feeds</b>
feed-state-active = ✅ active
feed-state-failing = ⚠️ failing ({ $count } in a row)
feed-state-deactivated = ⛔ deactivated
feed-articles = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
feed-last-error = last error: { $error }
feed-deactivated-notice = ⛔ The feed { $url } was turned off after { $count } failed polls in a row. Last error: { $error }. Send /feed add { $url } to read it again.
link-only-owner = Thanks! Only the bot's owner can add web pages to the fact base, though.
link-ingested = 📥 { $url } ingested: { $count ->
    [one] { $count } sentence
   *[other] { $count } sentences
}. Subscribed chats get its facts in their next digest.
link-unchanged = { $url } is already in the fact base, unchanged.
link-duplicate = That article is already in the fact base.
link-refused = I couldn't ingest { $url }: { $why }
link-failed = Sorry, ingesting that page failed on my side. The fact base is unchanged.
