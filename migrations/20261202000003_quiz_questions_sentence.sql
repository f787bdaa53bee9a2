-- A deleted sentence sets its quiz questions' sentence_id to NULL: without an index on the column, every
-- sentence of a replaced document scanned the whole quiz_questions table.
CREATE INDEX IF NOT EXISTS quiz_questions_sentence ON quiz_questions(sentence_id);
