-- Cards show the newest facts a page at a time. Mentions and topics carry their sentence's order
-- (document date, document, position) so an index answers "the newest 12 facts about X" without
-- sorting every fact about X, and per-subject counts are kept up to date at ingest instead of being
-- counted on every request.

ALTER TABLE mentions ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN document_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE mentions SET (published, document_id, position) =
    (SELECT d.published, s.document_id, s.position
     FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = mentions.sentence_id);
DROP INDEX mentions_entity;
CREATE INDEX mentions_newest ON mentions(entity_key, published DESC, document_id DESC, position);

ALTER TABLE sentence_topics ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE sentence_topics ADD COLUMN document_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence_topics ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE sentence_topics SET (published, document_id, position) =
    (SELECT d.published, s.document_id, s.position
     FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = sentence_topics.sentence_id);
DROP INDEX sentence_topics_topic;
CREATE INDEX sentence_topics_newest ON sentence_topics(topic, published DESC, document_id DESC, position);

-- How many facts name each entity / fall under each topic (maintained by db::documents::replace).
CREATE TABLE entity_facts (
    entity_key  TEXT    PRIMARY KEY,
    facts       INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO entity_facts (entity_key, facts) SELECT entity_key, COUNT(*) FROM mentions GROUP BY entity_key;

CREATE TABLE topic_facts (
    topic  TEXT    PRIMARY KEY,
    facts  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO topic_facts (topic, facts) SELECT topic, COUNT(*) FROM sentence_topics GROUP BY topic;
