// Migration 7, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Indexes for the spend queries (costs.summary, the budget check) and approvals.list, which
// scanned every run or sorted every approval.
export const sql = `
  -- Covering: a run row also holds its (possibly long) answer, which a scan would have to read past.
  CREATE INDEX runs_by_spend_time
    ON runs(COALESCE(ended_at, started_at, created_at), cost_usd, task_id, id);
  CREATE INDEX approvals_by_created ON approvals(created_at);
  `;
