-- Updates already claimed: whichever replica Telegram (or a load balancer) hands an update to, it is
-- handled once.
CREATE TABLE processed_updates (
    update_id    BIGINT PRIMARY KEY,
    handled_at   TEXT   NOT NULL
);
CREATE INDEX processed_updates_handled_at ON processed_updates(handled_at);
