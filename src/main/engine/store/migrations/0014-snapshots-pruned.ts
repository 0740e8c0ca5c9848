// Migration 14, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// When a run's start and end snapshots (refs, saved files) were pruned, so its diff can say
// why it is gone and the pruning pass reads only the reviews still holding snapshots.
export const sql = `
  ALTER TABLE run_reviews ADD COLUMN snapshots_pruned_at INTEGER;
  CREATE INDEX run_reviews_unpruned ON run_reviews(run_id) WHERE snapshots_pruned_at IS NULL;
  `;
