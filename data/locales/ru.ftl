# Интерфейс Dossier на русском. В сообщениях — небольшое подмножество HTML Telegram: <b>, <i>, <code>,
# и &amp; &lt; &gt; вместо символов & < >. Аргументы ({ $name }) бот экранирует сам.

## /start
welcome-intro = 👋 Я <b>Dossier</b>: отвечаю по документам и привожу предложение, на котором держится каждый ответ.
welcome-ask = <b>Спрашивайте</b>
welcome-ask-examples = • <code>/country Индия</code>, <code>/summit БРИКС</code>, <code>/topic energy</code>, <code>/search transport corridor</code>
welcome-ask-free = • или просто напишите: <code>How much did Russia trade with China?</code>
welcome-follow = <b>Следите</b>
welcome-follow-how = • <code>/subscribe</code> — темы для дайджеста; <code>/settings</code> — когда он приходит.
welcome-play = <b>Играйте</b>
welcome-play-how = • Добавьте меня в группу и отправьте <code>/quiz 5</code> — раунд викторины; <code>/top</code> — таблица лидеров.
welcome-help = /help — список всех команд.
welcome-add-to-group = ➕ Добавить Dossier в группу

## /help и меню команд
help-title = Dossier отвечает по документам и приводит предложение, на котором держится каждый ответ.
help-commands = Команды:
help-free-text = Или просто задайте вопрос своими словами.
cmd-start = что умеет Dossier
cmd-help = этот список команд
cmd-country = карточка страны, например /country Индия
cmd-summit = саммит или организация, например /summit БРИКС
cmd-topic = факты по теме, например /topic energy
cmd-search = поиск по документам, например /search transport corridor
cmd-subscribe = подписка на дайджест по теме или имени, например /subscribe energy (без аргумента — выбор из списка)
cmd-unsubscribe = отменить подписку, или /unsubscribe all
cmd-subscriptions = подписки этого чата и расписание дайджеста
cmd-settings = настройки дайджеста: /settings time 07:30 · tz Europe/Moscow · daily · weekly mon
cmd-pause = приостановить дайджесты
cmd-resume = возобновить дайджесты
cmd-digest = прислать дайджест этого чата сейчас
cmd-quiz = вопрос викторины по фактам; /quiz 5 energy — раунд из 5 вопросов
cmd-quizstop = закончить текущий раунд викторины
cmd-top = таблица лидеров викторины
cmd-quizschedule = ежедневная викторина: /quizschedule daily 18:00 [ТЕМА] или /quizschedule off
cmd-lang = язык интерфейса: /lang en или /lang ru

## /lang
lang-set = 🌐 В этом чате я буду говорить по-русски.
lang-usage = Использование: /lang en или /lang ru

## Общие ответы
usage = Использование: /{ $command } НАЗВАНИЕ — например, /{ $command } { $example }
sorry = Простите, у меня что-то сломалось. Попробуйте ещё раз через минуту.
unknown-command = Я не знаю команды { $name }. /help — список команд, которые я знаю.
hello-chat = 👋 Здравствуйте! Я отвечаю по документам и цитирую предложение, на котором основан каждый ответ. Начните с /help, попробуйте /quiz 5 — раунд викторины, или /subscribe — дайджесты.
slow-down = ⏳ Слишком много сообщений сразу: часть я пропущу. Подождите несколько секунд.
link-outdated = Ссылка устарела: в документах этого больше нет.
fact-gone = Этого факта в документах больше нет.
count-facts = { $count ->
    [one] { $count } факт
    [few] { $count } факта
   *[other] { $count } фактов
}

## Карточки
group-figures = 💰 Цифры
group-visits = ✈️ Визиты
group-agreements = 🤝 Соглашения
group-projects = 🏗 Проекты
group-relations = 🌐 Отношения
card-more = …и ещё { $count }:{" "}
card-more-end = …и ещё { $count }.
source-single = 📄 Источник:{" "}
source-paragraph = , абзац целиком:
button-subscribe = 🔔 Подписаться: { $name }
button-quiz = ❓ Викторина: { $name }
button-source = 📄 Источник

## Имена
names-did-you-mean = 🤔 <b>{ $query }</b> в документах нет. Может быть,{" "}
names-or = {" "}или{" "}
names-unknown = 🔍 <b>{ $query }</b> в документах нет.
names-closest = Похожие названия:{" "}
names-not-mentioned = 📭 В документах пока ничего нет о <b>{ $name }</b>.
topic-nothing = 📭 В документах пока ничего нет на тему <b>{ $name }</b>.
topic-unknown = 🔍 Темы <b>{ $name }</b> я не знаю.
topic-list = Темы:{" "}

## Поиск и вопросы
search-found = 🔎 Найдено в документах:
search-nothing = 🔍 В документах нет ничего по запросу <b>{ $words }</b>.
question-unknown = 🤷 В документах об этом ничего нет, а гадать я не стану.
question-try = Попробуйте /search с несколькими ключевыми словами или /help.
question-found = 📌 Из документов:
## Ответы на вопросы: отказы и сам ответ.
answer-not-mentioned = 📭 В документах не упоминается <b>{ $name }</b>.
answer-missing = 🤷 В документах есть { $names }, но ни одно предложение о них не даёт { $what }.
answer-yes = Да
answer-month-year = { $month } { $year }
names-and = {" "}и{" "}
asked-when = даты
asked-how-much = суммы или объёма
asked-how-many = числа
asked-share = доли
asked-where = места
asked-who = имени
asked-which-countries = списка стран
asked-role = должности
asked-yes-no = ответа на этот вопрос
asked-other = того, о чём вы спросили
month-1 = январь
month-2 = февраль
month-3 = март
month-4 = апрель
month-5 = май
month-6 = июнь
month-7 = июль
month-8 = август
month-9 = сентябрь
month-10 = октябрь
month-11 = ноябрь
month-12 = декабрь
inline-card = Карточка фактов с цитатами и источниками
inline-found = 📌 <b>Из документов:</b>

## Дайджесты
schedule-daily = ежедневно в { $time } ({ $tz })
schedule-weekly = еженедельно, { $day }, в { $time } ({ $tz })
weekday-0 = по понедельникам
weekday-1 = по вторникам
weekday-2 = по средам
weekday-3 = по четвергам
weekday-4 = по пятницам
weekday-5 = по субботам
weekday-6 = по воскресеньям
digest-subscribed = ✅ Подписка оформлена: <b>{ $name }</b>.
digest-already = Этот чат уже подписан: <b>{ $name }</b>.
digest-when = Дайджест приходит { $schedule }; /digest пришлёт его сейчас.
digest-unsubscribed-none = Отписываться было не от чего.
digest-unsubscribed-all = 🔕 Все подписки отменены ({ $count }).
digest-unsubscribed = 🔕 Подписка отменена: <b>{ $name }</b>.
digest-not-subscribed = Этот чат не подписан на <b>{ $name }</b>.
digest-no-subscriptions = У этого чата пока нет подписок.
digest-subject-gone = • { $name } — больше нет в документах (подписка сохранена: вернётся, если документ снова его назовёт)
digest-try = Попробуйте <code>/subscribe energy</code> или просто /subscribe — для списка.
digest-subscriptions = <b>🔔 Подписки</b>
digest-come = Дайджест приходит { $schedule }.
digest-paused-note = ⏸ Приостановлено: /resume снова включит дайджесты.
digest-on-hold = ⚠️ Доставка приостановлена ({ $why }); /resume — когда бот снова сможет писать.
settings-title = <b>⚙️ Настройки</b>
settings-digest = Дайджест: { $schedule }
settings-quiz = Опросы викторины открыты { $secs } с
settings-quiz-set = ✅ Теперь опросы викторины открыты { $secs } с.
settings-set = ✅ Теперь дайджест приходит { $schedule }.
digest-paused = ⏸ Дайджесты приостановлены. /resume вернёт их; ничего не потеряется.
digest-resumed = ▶️ Дайджесты возобновлены.
digest-none-yet = У этого чата пока нет подписок: /subscribe — выбрать темы.
digest-since-subscribed = подписки
digest-nothing-new = Ничего нового с момента { $since }.
digest-on-its-way = Дайджест уже в пути.
digest-topics = <b>🔔 Темы</b>
digest-topics-how = Нажмите, чтобы подписаться или отписаться. Страны и имена тоже подойдут: <code>/subscribe Индия</code>
digest-stale-list = Эта кнопка устарела. Отправьте /subscribe за свежим списком.
digest-stale = Эта кнопка устарела.
digest-toggle-off = Подписка отменена: { $name }
digest-toggle-on = Подписка оформлена: { $name }
digest-followed = 🔔 Подписка оформлена: { $name }; дайджест приходит { $schedule }.
digest-already-plain = Этот чат уже подписан: { $name }.

## Отказы
admin-check-failed = Не удалось проверить, администратор ли вы здесь. Попробуйте ещё раз чуть позже.
admin-only = 🔒 Подписки, настройки и расписание викторин этого чата меняют только его администраторы.
admin-who = Не могу понять, кто вы.
channel-not-found = Не могу найти { $handle }. Проверьте имя и сначала добавьте меня в канал администратором.
channel-bot-not-admin = Я не администратор { $handle }. Добавьте меня администратором с правом публикации и попробуйте снова.
channel-admins-only = Дайджестами и викторинами { $handle } управляют только его администраторы.
quiz-admin-long = 🔒 В группах раунды длиннее 5 вопросов запускают только администраторы.
quiz-admin-schedule = 🔒 Расписание викторин этого чата задают только его администраторы.
quiz-answer-terminal = /answer — для терминала; выберите вариант в опросе.
button-stale = Эта кнопка устарела. Отправьте команду ещё раз, чтобы получить новые кнопки.
button-send-failed = Простите, не получилось это отправить.
button-admins-only = Подписки этого чата меняют только администраторы.
button-sorry = Простите, что-то пошло не так. Попробуйте ещё раз.

## Таблица лидеров
quiz-board-empty = Здесь пока никто не отвечал на викторину. Начните с /quiz.
quiz-board-title = 🏆 <b>Таблица лидеров</b>
quiz-board-week = <b>Эта неделя</b>
quiz-board-week-empty = На этой неделе ответов пока нет.
quiz-board-all-time = <b>За всё время</b>
quiz-board-not-on = Вас пока нет в таблице: ответьте на викторину, чтобы попасть в неё.
quiz-board-score = {" "}— { $correct } из { $answered }
quiz-board-you = { $score } (вы)

## Раунды викторины и ошибки
quiz-round-size = В раунде может быть от 1 до { $max } вопросов.
quiz-no-questions = Вопросов для викторины пока нет: база фактов пуста.
quiz-no-questions-on = Вопросов для викторины на тему { $topic } пока нет.
quiz-round-running = Здесь уже идёт раунд викторины. /quizstop его завершит.
quiz-no-round = Здесь сейчас не идёт ни одного раунда викторины.
quiz-round-unknown = Такого раунда викторины нет.
quiz-unknown-topic = Темы «{ $topic }» я не знаю.
quiz-unknown-topic-try = Темы «{ $topic }» я не знаю. Попробуйте одну из этих: { $topics }.
quiz-over = 🏁 <b>Викторина окончена: { $asked ->
    [one] { $asked } вопрос
    [few] { $asked } вопроса
   *[many] { $asked } вопросов
}</b>
quiz-stopped = 🏁 <b>Викторина остановлена после { $asked } из { $total ->
    [one] { $total } вопроса
   *[many] { $total } вопросов
}</b>
quiz-nobody-answered = Никто не ответил.
quiz-nobody-right = Никто не ответил правильно.
quiz-winner = 🏆 Победитель:{" "}
quiz-winners = 🏆 Победители:{" "}
quiz-winner-score = {" "}— { $correct } из { $asked }
quiz-player = Игрок { $id }
quiz-ask-bot = Полный текст факта — у @{ $bot }.
quiz-ask-the-bot = Полный текст факта — у бота.

## Расписание викторин
quiz-schedule-usage = Использование: /quizschedule daily ЧЧ:ММ [ТЕМА] — например, /quizschedule daily 09:00 energy — или /quizschedule off
quiz-schedule-bad-time = «{ $time }» — это не время вроде 09:00. { quiz-schedule-usage }
quiz-schedule-set = ⏰ Викторина будет каждый день в <b>{ $time } ({ $tz })</b>. /quizschedule off её отменит.
quiz-schedule-set-on = ⏰ Викторина на тему { $topic } будет каждый день в <b>{ $time } ({ $tz })</b>. /quizschedule off её отменит.
quiz-schedule-off = Ежедневная викторина отключена.
quiz-schedule-none = Ежедневной викторины здесь и не было.

## Викторина в терминале
quiz-answer-how = Ответьте командой /answer N.
quiz-answer-usage = Использование: /answer N — номер выбранного варианта
quiz-answer-range = Ответьте числом от 1 до { $max }.
quiz-nothing-to-answer = Сейчас нет вопроса, ждущего ответа. /quiz задаст новый.
quiz-question-gone = Этого вопроса больше нет. /quiz задаст другой.
quiz-right = ✅ Верно: <b>{ $answer }</b>
quiz-wrong = ❌ Не совсем. Правильный ответ: <b>{ $answer }</b>
console-unknown-command = Я не знаю такой команды. /help — список команд, которые я знаю.
console-stats = /stats — только для владельца бота в Telegram.
console-lang = Терминал говорит по-английски; /lang задаёт язык чата в Telegram.
console-quiz-only = Раунды и расписание викторин работают в группах Telegram; здесь /quiz задаёт один вопрос.

## Дайджесты, темы подписки и ошибки настроек
digest-title = 📰 <b>Ваш дайджест</b> — { $count ->
    [one] { $count } новый факт
    [few] { $count } новых факта
   *[many] { $count } новых фактов
}
digest-full-card = вся карточка →
digest-more = ➕ Ещё { $facts } — в следующий раз (или отправьте /digest).
subject-unknown = 🔍 <b>{ $name }</b> — это не тема и не название из документов.
subject-did-you-mean = Может быть,{" "}
subject-pick = Отправьте /subscribe без аргументов, чтобы выбрать тему из списка.
unsubscribe-usage = Использование: /unsubscribe ТЕМА — например, /unsubscribe energy или /unsubscribe all
settings-usage = Использование: /settings time 07:30 · /settings tz Europe/Moscow · /settings daily · /settings weekly mon · /settings quiz 45
settings-bad-time = «{ $value }» — это не время суток. Напишите его как ЧЧ:ММ, например 07:30.
settings-bad-tz = Часового пояса «{ $value }» я не знаю. Укажите название из базы IANA, например Europe/Moscow, Asia/Kolkata или UTC.
settings-bad-day = «{ $value }» — это не день недели. Используйте mon, tue, wed, thu, fri, sat или sun.
settings-bad-quiz = «{ $value }» — это не длительность опроса. Укажите от 5 до 600 секунд, например /settings quiz 45.

## Владелец: загрузка документов и /stats
owner-only-documents = Спасибо! Но добавлять документы в базу фактов может только владелец бота.
owner-file-type = Пришлите документ файлом .txt или .md, пожалуйста.
owner-too-large = Файл { $name } слишком большой: документ может занимать не больше 16 МБ.
owner-unchanged = <b>{ $name }</b> уже есть в базе фактов, без изменений.
owner-ingested = 📥 <b>{ $name }</b> добавлен: { $count ->
    [one] { $count } предложение
    [few] { $count } предложения
   *[many] { $count } предложений
}. Подписанные чаты получат его факты в следующем дайджесте.
owner-ingest-failed = Простите, у меня не получилось обработать этот документ. База фактов не изменилась.
owner-ingest-refused = Не удалось добавить документ: { $why }
owner-why-empty = файл пуст.
owner-why-binary = похоже, это двоичный файл, а не текст.
owner-why-not-utf8 = текст не в кодировке UTF-8; сначала перекодируйте его (например, iconv -f WINDOWS-1251 -t UTF-8).
owner-why-no-sentences = в тексте нет ни одного предложения.
stats-only-owner = 🔒 /stats доступна только владельцу бота.
stats-title = <b>📊 Dossier</b>
stats-chats = Чаты: { $chats } (недоступны: { $unreachable })
stats-subscriptions = Подписки: { $count }
stats-documents = Документы: { $documents } · факты: { $facts }
stats-digests = Дайджестов за 24 ч: { $sent } · ошибок: { $errors } · в очереди: { $waiting }
stats-unavailable = Простите, статистика сейчас недоступна.
feeds-only-owner = 🔒 Управлять новостными лентами может только владелец бота.
feed-usage = Напишите /feed add URL или /feed remove URL; /feeds покажет все ленты.
feed-added = 📰 Лента { $url } добавлена. Новые статьи появятся в течение { $minutes } мин.
feed-reactivated = 📰 Лента { $url } снова включена.
feed-already = Лента { $url } уже читается.
feed-removed = Лента { $url } удалена. Её статьи остаются в базе фактов.
feed-not-found = { $url } нет среди лент; /feeds покажет их.
feed-refused = Этот адрес не подходит: { $why }
feed-failed = Извините, изменить ленты не получилось по нашей вине. Ничего не изменилось.
feeds-none = Новостных лент пока нет. Добавьте ленту командой /feed add URL.
feeds-title = <b>📰 Новостные ленты</b>
feed-state-active = ✅ работает
feed-state-failing = ⚠️ ошибки ({ $count } подряд)
feed-state-deactivated = ⛔ отключена
feed-articles = { $count ->
    [one] { $count } статья
    [few] { $count } статьи
   *[many] { $count } статей
}
feed-last-error = последняя ошибка: { $error }
feed-deactivated-notice = ⛔ Лента { $url } отключена после { $count } неудачных попыток подряд. Последняя ошибка: { $error }. Чтобы снова читать её, отправьте /feed add { $url }.
link-only-owner = Спасибо! Но добавлять веб-страницы в базу фактов может только владелец бота.
link-ingested = 📥 { $url } добавлена: { $count ->
    [one] { $count } предложение
    [few] { $count } предложения
   *[many] { $count } предложений
}. Подписанные чаты получат её факты в следующем дайджесте.
link-unchanged = { $url } уже есть в базе фактов, без изменений.
link-duplicate = Эта статья уже есть в базе фактов.
link-refused = Не удалось добавить { $url }: { $why }
link-failed = Извините, добавить страницу не получилось по нашей вине. База фактов не изменилась.
