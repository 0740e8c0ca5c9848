// Migration 9, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Spend rolled up per local calendar day, task and model (costs.summary reads whole days
// from here instead of every run), kept in step by triggers in the writer's own transaction.
// `runs` counts usage rows (cost_days) or runs with usage (cost_day_runs); a row goes at zero.
// Days are the engine's local time when written; store_meta says which zone (the store
// rebuilds the rollups when it opens in another one).
export const sql = `
  CREATE TABLE cost_days (
    day TEXT NOT NULL,
    task_id TEXT NOT NULL,
    model TEXT NOT NULL,
    runs INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_input_tokens INTEGER NOT NULL,
    cache_creation_input_tokens INTEGER NOT NULL,
    PRIMARY KEY (day, task_id, model)
  ) WITHOUT ROWID;
  CREATE TABLE cost_day_runs (
    day TEXT NOT NULL,
    task_id TEXT NOT NULL,
    runs INTEGER NOT NULL,
    PRIMARY KEY (day, task_id)
  ) WITHOUT ROWID;
  CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  INSERT INTO cost_days
    SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, u.model, COUNT(*), SUM(u.cost_usd), SUM(u.input_tokens),
           SUM(u.output_tokens), SUM(u.cache_read_input_tokens), SUM(u.cache_creation_input_tokens)
    FROM run_model_usage u JOIN runs r ON r.id = u.run_id
    GROUP BY 1, 2, 3;
  INSERT INTO cost_day_runs
    SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, COUNT(*) FROM runs r
    WHERE EXISTS (SELECT 1 FROM run_model_usage u WHERE u.run_id = r.id)
    GROUP BY 1, 2;

  CREATE TRIGGER cost_days_usage_added AFTER INSERT ON run_model_usage BEGIN
    INSERT INTO cost_days
      SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, NEW.model, 1, NEW.cost_usd, NEW.input_tokens,
             NEW.output_tokens, NEW.cache_read_input_tokens, NEW.cache_creation_input_tokens
      FROM runs r WHERE r.id = NEW.run_id
      ON CONFLICT (day, task_id, model) DO UPDATE SET
        runs = runs + 1,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens;
    INSERT INTO cost_day_runs
      SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, 1 FROM runs r
      WHERE r.id = NEW.run_id AND (SELECT COUNT(*) FROM run_model_usage WHERE run_id = NEW.run_id) = 1
      ON CONFLICT (day, task_id) DO UPDATE SET runs = runs + 1;
  END;

  CREATE TRIGGER cost_days_usage_removed AFTER DELETE ON run_model_usage BEGIN
    UPDATE cost_days SET
        runs = runs - 1,
        cost_usd = cost_usd - OLD.cost_usd,
        input_tokens = input_tokens - OLD.input_tokens,
        output_tokens = output_tokens - OLD.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens - OLD.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens - OLD.cache_creation_input_tokens
      WHERE (day, task_id, model) =
        (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, OLD.model FROM runs r WHERE r.id = OLD.run_id);
    DELETE FROM cost_days WHERE runs <= 0 AND (day, task_id, model) =
      (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, OLD.model FROM runs r WHERE r.id = OLD.run_id);
    UPDATE cost_day_runs SET runs = runs - 1
      WHERE (day, task_id) = (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id FROM runs r WHERE r.id = OLD.run_id)
        AND NOT EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = OLD.run_id);
    DELETE FROM cost_day_runs WHERE runs <= 0 AND (day, task_id) =
      (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id FROM runs r WHERE r.id = OLD.run_id);
  END;

  -- Usage rows are replaced rather than updated; an update still counts as a removal and an add.
  CREATE TRIGGER cost_days_usage_changed AFTER UPDATE ON run_model_usage BEGIN
    UPDATE cost_days SET
        runs = runs - 1,
        cost_usd = cost_usd - OLD.cost_usd,
        input_tokens = input_tokens - OLD.input_tokens,
        output_tokens = output_tokens - OLD.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens - OLD.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens - OLD.cache_creation_input_tokens
      WHERE (day, task_id, model) =
        (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, OLD.model FROM runs r WHERE r.id = OLD.run_id);
    DELETE FROM cost_days WHERE runs <= 0 AND (day, task_id, model) =
      (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, OLD.model FROM runs r WHERE r.id = OLD.run_id);
    INSERT INTO cost_days
      SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, NEW.model, 1, NEW.cost_usd, NEW.input_tokens,
             NEW.output_tokens, NEW.cache_read_input_tokens, NEW.cache_creation_input_tokens
      FROM runs r WHERE r.id = NEW.run_id
      ON CONFLICT (day, task_id, model) DO UPDATE SET
        runs = runs + 1,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens;
    UPDATE cost_day_runs SET runs = runs - 1
      WHERE OLD.run_id IS NOT NEW.run_id
        AND (day, task_id) = (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id FROM runs r WHERE r.id = OLD.run_id)
        AND NOT EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = OLD.run_id);
    DELETE FROM cost_day_runs WHERE runs <= 0 AND (day, task_id) =
      (SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id FROM runs r WHERE r.id = OLD.run_id);
    INSERT INTO cost_day_runs
      SELECT strftime('%Y-%m-%d', COALESCE(r.ended_at, r.started_at, r.created_at) / 1000, 'unixepoch', 'localtime'), r.task_id, 1 FROM runs r
      WHERE OLD.run_id IS NOT NEW.run_id AND r.id = NEW.run_id
        AND (SELECT COUNT(*) FROM run_model_usage WHERE run_id = NEW.run_id) = 1
      ON CONFLICT (day, task_id) DO UPDATE SET runs = runs + 1;
  END;

  -- A run's spend time (its end, else its start, else its creation) or task moved: so does its usage.
  CREATE TRIGGER cost_days_run_moved
    AFTER UPDATE OF created_at, started_at, ended_at, task_id ON runs
    WHEN OLD.task_id IS NOT NEW.task_id
      OR strftime('%Y-%m-%d', COALESCE(OLD.ended_at, OLD.started_at, OLD.created_at) / 1000, 'unixepoch', 'localtime') IS NOT strftime('%Y-%m-%d', COALESCE(NEW.ended_at, NEW.started_at, NEW.created_at) / 1000, 'unixepoch', 'localtime')
  BEGIN
    UPDATE cost_days SET
        runs = runs - 1,
        cost_usd = cost_usd - (SELECT u.cost_usd FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        input_tokens = input_tokens - (SELECT u.input_tokens FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        output_tokens = output_tokens - (SELECT u.output_tokens FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        cache_read_input_tokens = cache_read_input_tokens - (SELECT u.cache_read_input_tokens
          FROM run_model_usage u WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        cache_creation_input_tokens = cache_creation_input_tokens - (SELECT
          u.cache_creation_input_tokens FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model)
      WHERE day = strftime('%Y-%m-%d', COALESCE(OLD.ended_at, OLD.started_at, OLD.created_at) / 1000, 'unixepoch', 'localtime') AND task_id = OLD.task_id
        AND model IN (SELECT model FROM run_model_usage WHERE run_id = OLD.id);
    DELETE FROM cost_days WHERE day = strftime('%Y-%m-%d', COALESCE(OLD.ended_at, OLD.started_at, OLD.created_at) / 1000, 'unixepoch', 'localtime') AND task_id = OLD.task_id AND runs <= 0;
    INSERT INTO cost_days
      SELECT strftime('%Y-%m-%d', COALESCE(NEW.ended_at, NEW.started_at, NEW.created_at) / 1000, 'unixepoch', 'localtime'), NEW.task_id, u.model, 1, u.cost_usd, u.input_tokens, u.output_tokens,
             u.cache_read_input_tokens, u.cache_creation_input_tokens
      FROM run_model_usage u WHERE u.run_id = NEW.id
      ON CONFLICT (day, task_id, model) DO UPDATE SET
        runs = runs + 1,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens;
    UPDATE cost_day_runs SET runs = runs - 1
      WHERE day = strftime('%Y-%m-%d', COALESCE(OLD.ended_at, OLD.started_at, OLD.created_at) / 1000, 'unixepoch', 'localtime') AND task_id = OLD.task_id
        AND EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = OLD.id);
    DELETE FROM cost_day_runs WHERE day = strftime('%Y-%m-%d', COALESCE(OLD.ended_at, OLD.started_at, OLD.created_at) / 1000, 'unixepoch', 'localtime') AND task_id = OLD.task_id AND runs <= 0;
    INSERT INTO cost_day_runs
      SELECT strftime('%Y-%m-%d', COALESCE(NEW.ended_at, NEW.started_at, NEW.created_at) / 1000, 'unixepoch', 'localtime'), NEW.task_id, 1
      WHERE EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = NEW.id)
      ON CONFLICT (day, task_id) DO UPDATE SET runs = runs + 1;
  END;

  -- A deleted run takes its usage with it while the run row can still say which day it was in.
  CREATE TRIGGER cost_days_run_deleted BEFORE DELETE ON runs BEGIN
    DELETE FROM run_model_usage WHERE run_id = OLD.id;
  END;
  `;
