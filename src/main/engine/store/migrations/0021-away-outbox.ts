// Migration 21, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Away channels: the delivery outbox (messages queued per channel, retried with backoff across
// restarts), each channel's pairing and last error, the single-use decision token of each request
// sent to a channel, and a log of decisions taken from a channel or refused.
export const sql = `  CREATE TABLE away_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    approval_id TEXT,
    run_id TEXT,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    dropped_at INTEGER,
    remote_ref TEXT,
    last_error TEXT
  );
  CREATE INDEX away_outbox_due ON away_outbox(channel, sent_at, dropped_at, id);
  CREATE INDEX away_outbox_by_approval ON away_outbox(approval_id);
  CREATE TABLE away_channels (
    channel TEXT PRIMARY KEY,
    paired_chat TEXT,
    paired_name TEXT,
    paired_at INTEGER,
    update_offset INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_error_at INTEGER,
    last_sent_at INTEGER
  );
  CREATE TABLE away_tokens (
    token TEXT PRIMARY KEY,
    approval_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    chat TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE INDEX away_tokens_by_approval ON away_tokens(approval_id);
  CREATE TABLE away_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    chat TEXT NOT NULL,
    approval_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX away_decisions_by_approval ON away_decisions(approval_id);
  
`;
