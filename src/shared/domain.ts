// The data Switchboard shows and stores: tasks, runs, their events, approvals, costs, settings.
// Plain types shared by the engine, both transports and the renderer. Times are epoch milliseconds.
import type { AwaySettings } from './away';
import type { AlwaysChoice } from './permission-rules';

export const RUN_STATUSES = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run never leaves. */
export const FINISHED_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
];
/** Statuses of a run that holds (or waits for) a Claude Code process. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['running', 'waiting'];

export const TRIGGER_KINDS = [
  'manual',
  'tray',
  'drop',
  'followup',
  'resume',
  'cron',
  'watch',
  'webhook',
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const PERMISSION_MODES = [
  'default',
  'acceptEdits',
  'plan',
  'dontAsk',
  'bypassPermissions',
] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export const ISOLATION_MODES = ['none', 'worktree'] as const;
export type Isolation = (typeof ISOLATION_MODES)[number];

export const OVERLAP_POLICIES = ['skip', 'queue', 'parallel'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export interface Task {
  id: string;
  title: string;
  prompt: string;
  cwd: string;
  model: string | null;
  permissionMode: PermissionMode;
  allowedTools: string[];
  disallowedTools: string[];
  maxTurns: number | null;
  maxBudgetUsd: number | null;
  appendSystemPrompt: string | null;
  /** Names of keychain secrets passed to the session as environment variables of the same name. */
  secretEnv: string[];
  /**
   * Whether the session may reach the OS keychain (the D-Bus session bus on Linux). Off: the
   * keyring routes are removed from its environment, so it has only the secrets it was given.
   */
  keychainAccess: boolean;
  /**
   * Shell commands run in Claude Code's own sandbox (bubblewrap and socat on Linux, Seatbelt on
   * macOS): they write only inside the task's folder and reach only the network hosts allowed.
   */
  sandbox: boolean;
  /** Saved MCP servers (McpServer ids) this task's runs get, on top of the person's own. */
  mcpServerIds: string[];
  /** Library skills (Skill names) this task's runs get, on top of the person's own. */
  skills: string[];
  isolation: Isolation;
  /** What a scheduled or watched firing does while an earlier run of this task is still going. */
  overlapPolicy: OverlapPolicy;
  /**
   * Allow rules a person added with "Always allow" (Claude Code's syntax: `Bash(npm test:*)`,
   * `Edit(src/**)`); what they cover no longer asks in this task's runs. A bare tool name (as
   * stored before rules) covers every call of that tool.
   */
  alwaysAllowedTools: string[];
  /**
   * Whether each finished run waits for a person's review. null: automatic, on for worktree
   * tasks and for runs started by a schedule, a watch or a webhook.
   */
  reviewEachRun: boolean | null;
  /** What happens to this task's runs after a restart, a transient failure, a long wait. */
  runPolicy: RunPolicy;
  /** Where its runs happen (places.list); null: this machine. */
  placeId: string | null;
  createdAt: number;
  updatedAt: number;
  /** Summary of the newest run, for lists. */
  /** The newest run, with what its state needs (src/shared/run-state.ts) to read as in lists. */
  lastRun: Pick<
    Run,
    | 'id'
    | 'taskId'
    | 'status'
    | 'error'
    | 'heldReason'
    | 'parkedUntil'
    | 'stalledAt'
    | 'retryAt'
    | 'retryLimit'
    | 'trigger'
    | 'planWindow'
    | 'startedAt'
    | 'createdAt'
  > | null;
}

export interface RunPolicy {
  /** Resume interrupted runs by themselves after a restart; null: only scheduled ones (cron, watch, webhook). */
  autoResume: boolean | null;
  /** Times a run that failed on a transient API error (429, 529, 5xx, network) is tried again. */
  transientRetries: number;
  /** A pending request is denied after this long; null: it waits for the person however long. */
  approvalTimeoutMinutes: number | null;
}

export const DEFAULT_RUN_POLICY: RunPolicy = {
  autoResume: null,
  transientRetries: 2,
  approvalTimeoutMinutes: null,
};

export interface RunTrigger {
  kind: TriggerKind;
  /** What fired it: the cron slot, the changed paths, the webhook request id, the files dropped. */
  detail?: Record<string, unknown>;
  triggerId?: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export interface ModelUsage extends TokenUsage {
  model: string;
  costUsd: number;
}

export interface Run {
  id: string;
  taskId: string;
  taskTitle: string;
  status: RunStatus;
  prompt: string;
  /** The Claude Code session; follow-ups and resumes continue it. */
  sessionId: string | null;
  /** The run this one continues (follow-up or resume). */
  parentRunId: string | null;
  /** The folder the session works in: the task's folder, or a git worktree of it (isolation). */
  workdir: string | null;
  trigger: RunTrigger;
  model: string | null;
  costUsd: number;
  usage: TokenUsage;
  modelUsage: ModelUsage[];
  numTurns: number;
  result: string | null;
  error: string | null;
  /** Why a queued run is not starting yet (concurrency, a budget, a plan window). */
  heldReason: string | null;
  /** Set while the run is parked (status waiting) until a plan window resets; it then carries on. */
  parkedUntil: number | null;
  /** The plan window Claude Code reported for this run's requests (five_hour, seven_day, …). */
  planWindow: string | null;
  /** Since when a running run has shown no sign of life (settings.runs.stallMinutes), else null. */
  stalledAt: number | null;
  /**
   * A failed run the retry policy tries again (a transient API error): when the retry starts.
   * Kept across a stop or crash; cleared when it starts, is resumed by hand or is cancelled.
   */
  retryAt: number | null;
  /** Where the run ran, as the place was when it started; null: this machine. */
  place: RunPlace | null;
  /** How many retries the task's policy allows ("retry 1 of 2"). */
  retryLimit: number;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export interface QuestionOption {
  label: string;
  description: string;
}

export interface Question {
  question: string;
  header: string;
  multiSelect: boolean;
  options: QuestionOption[];
}

interface RunEventBase {
  runId: string;
  seq: number;
  ts: number;
}

/** One step of a run's transcript, normalised from Claude Code's messages. */
export type RunEvent = RunEventBase &
  (
    | { type: 'prompt'; text: string; files: string[] }
    | { type: 'status'; status: RunStatus; message?: string }
    | {
        type: 'session';
        sessionId: string;
        model: string;
        cwd: string;
        tools: string[];
        claudeCodeVersion: string;
        permissionMode: string;
      }
    /** Assistant text; consecutive events with the same blockId form one block. */
    | { type: 'text'; blockId: string; text: string }
    | { type: 'thinking'; blockId: string; text: string }
    | { type: 'tool_use'; toolUseId: string; name: string; input: Record<string, unknown> }
    | { type: 'tool_result'; toolUseId: string; content: string; isError: boolean }
    | { type: 'approval'; approvalId: string; kind: ApprovalKind; toolName: string }
    | {
        type: 'approval_decided';
        approvalId: string;
        decision: 'allow' | 'deny';
        message?: string;
        always?: boolean;
      }
    | { type: 'retry'; attempt: number; maxRetries: number; delayMs: number; error: string }
    /** The session's MCP servers as Claude Code reports them: at the start, then once settled. */
    | { type: 'mcp_servers'; servers: McpServerState[] }
    | {
        type: 'result';
        subtype: string;
        isError: boolean;
        result: string | null;
        costUsd: number;
        numTurns: number;
        durationMs: number;
      }
    | { type: 'error'; message: string }
    /** The run showed no sign of life for `minutes` (settings.runs); it keeps running unless
     *  the stall action stops it, which a `status` event then says. */
    | { type: 'stalled'; minutes: number }
  );
export type RunEventType = RunEvent['type'];

/**
 * tool: Claude Code asks to use a tool; question: it asks the person something; folder_trust:
 * the run's folder has its own Claude Code settings and waits for the person to trust them
 * (input: FolderTrustInput) before any of them is loaded; secret: the agent asks for a
 * credential through Switchboard's own tool (input: SecretRequestInput), which the person gives,
 * refuses, or refuses for the task for good. The value is never part of the approval.
 */
export type ApprovalKind = 'tool' | 'question' | 'folder_trust' | 'secret';

/** A skill in Switchboard's library: a folder with a SKILL.md, given to the tasks that attach it. */
export interface Skill {
  /** Its folder's name and the name Claude Code knows it by. */
  name: string;
  /** When Claude should use it (the SKILL.md front matter's description). */
  description: string;
  /** The SKILL.md body: what Claude reads when it uses the skill. */
  instructions: string;
  /** The tasks it is attached to, for the library's list and its delete. */
  usedBy: { taskId: string; title: string }[];
}

/** Switchboard's in-process MCP server, given to every local run (secrets/secret-requests.ts). */
export const SWITCHBOARD_MCP_SERVER = 'switchboard';
/** The tool an agent calls for a credential it lacks; its approvals are of kind `secret`. */
export const SECRET_REQUEST_TOOL = 'mcp__switchboard__request_secret';

/** What a secret request asks for, as the agent wrote it (outside text: shown, never obeyed). */
export interface SecretRequestInput {
  /** The environment variable the value is set as. */
  name: string;
  /** The agent's reason. */
  why: string;
}

/** One thing a folder's own Claude Code settings would do, in full. */
export interface ProjectSettingItem {
  /** The settings file it is in, relative to the folder. */
  file: string;
  kind: 'hook' | 'mcp' | 'permissions' | 'env' | 'command' | 'other';
  label: string;
  /** The command, rule list or value exactly as it would be used. */
  detail: string;
}

export interface ProjectSettingsFile {
  path: string;
  content: string;
}

/** A folder_trust approval's input: what loading the folder's settings would load. */
export interface FolderTrustInput {
  /** The task's folder; the decision is remembered for it. */
  folder: string;
  /** Where the run works (the folder, or a worktree of it), whose settings were read. */
  workdir: string;
  settingsHash: string;
  items: ProjectSettingItem[];
  files: ProjectSettingsFile[];
}

/** The toolName a folder_trust approval carries (it is no tool of Claude Code's). */
export const FOLDER_TRUST_TOOL = 'Switchboard:FolderTrust';
export type ApprovalStatus = 'pending' | 'allowed' | 'denied' | 'cancelled';

export interface Approval {
  id: string;
  runId: string;
  taskId: string;
  taskTitle: string;
  kind: ApprovalKind;
  toolName: string;
  toolUseId: string | null;
  input: Record<string, unknown>;
  /** Claude Code's own sentence for the request, when it gives one. */
  title: string | null;
  description: string | null;
  questions: Question[] | null;
  status: ApprovalStatus;
  message: string | null;
  answers: Record<string, string> | null;
  always: boolean;
  /** The allow rules (Claude Code's syntax) an "Always allow" of this request added to its task. */
  alwaysRules: string[];
  /** While pending: the ways "Always allow" can remember it, narrowest (the default) first. */
  alwaysChoices: AlwaysChoice[];
  createdAt: number;
  decidedAt: number | null;
  /** When a still-pending request is denied by the task's approval timeout, else null. */
  expiresAt: number | null;
}

export interface CostSummary {
  from: number;
  to: number;
  totalUsd: number;
  byDay: { day: string; totalUsd: number; byModel: Record<string, number> }[];
  byTask: { taskId: string; taskTitle: string; totalUsd: number; runs: number }[];
  byModel: {
    model: string;
    totalUsd: number;
    inputTokens: number;
    outputTokens: number;
    cacheReadInputTokens: number;
    cacheCreationInputTokens: number;
  }[];
  /**
   * What the runs going now (running or waiting) that started in the period have spent so far
   * beyond what their results recorded: live cost, in none of the totals above until it is.
   */
  goingUsd: number;
}

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export interface Settings {
  /** How many runs may hold a Claude Code process at once. */
  concurrency: number;
  defaultModel: string | null;
  defaultPermissionMode: PermissionMode;
  /** A Claude Code executable to use instead of the one bundled with the SDK. */
  claudeExecutablePath: string | null;
  /** Spend limits in USD; when reached, queued runs are held back until the period ends. */
  budgets: { dailyUsd: number | null; monthlyUsd: number | null };
  notifications: { waiting: boolean; failed: boolean; succeeded: boolean };
  triggers: { paused: boolean; catchUpHours: number; watchSettleMs: number };
  desktop: {
    openAtLogin: boolean;
    keepAwake: boolean;
    quickTaskShortcut: string;
    /** The desktop app's local HTTP API (webhooks, the panel in a browser) on 127.0.0.1. */
    localApi: boolean;
    localApiPort: number;
  };
  /** Pinned quick tasks shown in the tray. */
  pinnedTaskIds: string[];
  /** The panel's colours: the system's light or dark, or one of them always. */
  appearance: { theme: ThemeChoice };
  performance: PerformanceSettings;
  /** Plan windows: scheduled and triggered runs wait once the 5-hour window is this full (%). */
  limits: { holdTriggeredAtPercent: number };
  runs: {
    /** A running run with no sign of life for this long is flagged (0: never). */
    stallMinutes: number;
    /** What a stall does beyond the flag: nothing, or stop the run (it ends `interrupted`). */
    stallAction: 'flag' | 'stop';
    /**
     * How long a run waiting for a person keeps its concurrency slot; then its session is ended
     * and the run waits without one, resuming when the person decides (0: keeps it).
     */
    waitingSlotMinutes: number;
  };
  /** Channels that reach the person away from the desk (Settings → Away). */
  away: AwaySettings;
  /** Pull requests from worktree runs (docs/api.md, "Pull requests"). */
  pullRequests: PullRequestSettings;
  /** Where "Open in editor" and "Open in terminal" open a run's folder. */
  openIn: OpenInSettings;
}

/**
 * Command lines, split on spaces (quotes keep one together); `{folder}` is replaced by the folder.
 * null: found on this machine (editor: code, cursor, then $VISUAL; terminal: the platform's).
 */
export interface OpenInSettings {
  editor: string | null;
  terminal: string | null;
}

export const OPEN_FOLDER_APPS = ['editor', 'terminal'] as const;
export type OpenFolderApp = (typeof OPEN_FOLDER_APPS)[number];

/** What runs.openFolder started, on the machine the engine runs on. */
export interface OpenFolderResult {
  folder: string;
  /** The command and its arguments, as started. */
  command: string[];
}

export interface PullRequestSettings {
  /** The GitHub REST API: https://api.github.com, or a GitHub Enterprise server's /api/v3. */
  apiUrl: string;
}

/** Speed against memory and storage: see docs/performance.md. */
export interface PerformanceSettings {
  /** Keep one Claude Code process started ahead of need (about 230–260 MB while parked). */
  warmSpare: boolean;
  /** Run Claude Code below the engine's CPU priority, so busy sessions cannot starve the panel. */
  lowerClaudePriority: boolean;
  /** Delete the transcripts of runs that ended longer ago than this; run summaries are kept. */
  keepTranscriptsDays: number | null;
}

/** Where the local HTTP API answers, if it does (localApi.get). */
export interface LocalApiState {
  enabled: boolean;
  /** http://127.0.0.1:<port> while it listens. */
  url: string | null;
  /** The URL with ?token=…: opening it signs a browser in. */
  signInUrl: string | null;
  /** Why it is not listening although enabled (the port is taken, say). */
  error: string | null;
}

/** The engine host as the desktop app's main process sees it; the panel shows a banner unless running. */
export interface EngineStatus {
  state: 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';
  message: string | null;
}

/** One plan usage window as Claude Code last reported it (subscription logins only). */
export interface PlanWindowReading {
  /** Share of the window used, 0–1; 0 once the reset time has passed. */
  utilization: number;
  /** When the window resets (epoch ms), when known. */
  resetsAt: number | null;
  status: 'allowed' | 'allowed_warning' | 'rejected';
}

/** Why runs are held back right now; announced once per hold, not per run. */
export interface RunHold {
  kind: 'plan' | 'threshold' | 'budget';
  reason: string;
  since: number;
}

/** The plan meter: usage windows from the newest rate_limit_event, and what they hold back. */
export interface PlanLimits {
  /** False until Claude Code reports plan windows (API-key users see dollars instead). */
  available: boolean;
  fiveHour: PlanWindowReading | null;
  sevenDay: PlanWindowReading | null;
  /** A window that refuses requests, until it resets. */
  exhausted: { window: string; until: number } | null;
  hold: RunHold | null;
  updatedAt: number | null;
}

export interface SecretInfo {
  name: string;
}

export interface SecretsState {
  available: boolean;
  /** Why secrets cannot be stored, when they cannot. */
  reason: string | null;
  secrets: SecretInfo[];
}

/** What can start a task's runs unattended. */
export const TRIGGER_TYPES = ['cron', 'watch', 'webhook'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** File events a folder watch can react to. */
export const WATCH_EVENTS = ['add', 'change', 'unlink'] as const;
export type WatchEvent = (typeof WATCH_EVENTS)[number];

/** active: armed; paused: turned off, or all triggers are paused in Settings; error: see `error`. */
export type TriggerStatus = 'active' | 'paused' | 'error';

/** What one firing did: started a run, was skipped (overlap policy), or waits for the current run. */
export type TriggerFiringOutcome = 'started' | 'skipped' | 'queued';

interface TriggerBase {
  id: string;
  taskId: string;
  taskTitle: string;
  enabled: boolean;
  status: TriggerStatus;
  /** Why the trigger cannot fire right now (a watched folder is missing), when status is error. */
  error: string | null;
  /** Runs this trigger started. */
  firedCount: number;
  /** Firings dropped by the task's overlap policy while an earlier run was unfinished. */
  skippedCount: number;
  lastFiredAt: number | null;
  lastSkippedAt: number | null;
  lastRunId: string | null;
  /** Set while a firing waits for the task's current run to end (overlap policy 'queue'). */
  queuedSince: number | null;
  /** What this trigger's runs may spend per day (USD); its runs wait once they have. */
  dailyBudgetUsd: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CronTrigger extends TriggerBase {
  kind: 'cron';
  /** 5 fields, or 6 with seconds first; @hourly, @daily, @weekly, @monthly, @yearly too. */
  cron: string;
  /** IANA time zone the expression is read in. */
  timezone: string;
  /** The next five fire times. */
  nextFireTimes: number[];
}

export interface WatchTrigger extends TriggerBase {
  kind: 'watch';
  /** Absolute folder, watched recursively. */
  path: string;
  /** Only files matching this (relative to the folder; no slash = any depth) count. */
  glob: string | null;
  /** Files and folders matching these are never looked at. */
  ignore: string[];
  events: WatchEvent[];
}

export interface WebhookTrigger extends TriggerBase {
  kind: 'webhook';
  /** Where to POST on the local server: `/hooks/<id>`. */
  hookPath: string;
  /**
   * The X-Switchboard-Secret value. Only a hash is stored, so it is returned once: by
   * triggers.create and by triggers.update with rotateSecret. Otherwise null.
   */
  secret: string | null;
}

export type Trigger = CronTrigger | WatchTrigger | WebhookTrigger;

export interface TriggerFiring {
  id: number;
  triggerId: string;
  at: number;
  outcome: TriggerFiringOutcome;
  /** The run started (for queued firings: once it was released). */
  runId: string | null;
  /** What fired: the cron slot, the changed paths, the webhook request id; and why it was skipped. */
  detail: Record<string, unknown>;
}

export interface CronPreview {
  cron: string;
  timezone: string;
  nextFireTimes: number[];
}

/** Where a run's review stands; see RunReview. */
export const REVIEW_STATUSES = [
  'pending',
  'approved',
  'changes_requested',
  'discarded',
  'conflict',
  'blocked',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * A finished run's changes waiting for (or past) a person's decision. worktree: the run worked on
 * its own branch, which approval merges; in_place: the changes are already in the task's folder.
 */
export interface RunReview {
  runId: string;
  taskId: string;
  taskTitle: string;
  mode: 'worktree' | 'in_place';
  status: ReviewStatus;
  /** The branch approval merges the run's branch into (worktree runs). */
  baseBranch: string | null;
  /** Files the run changed, when the review was opened. */
  fileCount: number;
  /**
   * conflict: the files both sides changed when approval tried to merge. blocked: the person's
   * own uncommitted files in the target's checkout that the merge would have overwritten.
   */
  conflictFiles: string[];
  /** The merge this approval made can still be undone (runs.undoMerge). */
  mergeUndoable: boolean;
  /** What the last decision did, in words (merged, restored, what was skipped and why). */
  message: string | null;
  feedback: string | null;
  /** The run that carries the requested changes. */
  followUpRunId: string | null;
  createdAt: number;
  decidedAt: number | null;
  /** Until when the last discard can be undone (runs.undoDiscard); null when it cannot. */
  undoUntil: number | null;
}

export type DiffFileStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface DiffFile {
  path: string;
  /** The path before a rename. */
  oldPath: string | null;
  status: DiffFileStatus;
  additions: number;
  deletions: number;
  binary: boolean;
  /** Too big to show; listed without a patch. */
  tooLarge: boolean;
  /** Unified diff of this file; null for binary and too large files. */
  patch: string | null;
  /**
   * Set when the run's snapshots could not keep this file's content (over the per-file size cap,
   * or a folder over the snapshot limits): says why, in words. Such a file has no patch and
   * discard cannot take it back.
   */
  notKept?: string;
  /** Whose change it is: the run's own tool calls, someone else's while it ran, or both. */
  attribution: Attribution;
  /**
   * For a file both changed: whether the run's part alone can be taken back (its reverse patch
   * applies cleanly to the file as it is now), why not when it cannot, and the run's own part as
   * a unified patch of the file as the run left it (null when it cannot be told apart). null for
   * the other files.
   */
  runPart: { reversible: boolean; reason: string | null; patch: string | null } | null;
  /**
   * Of a file only the run changed in place, while its review is open: where each hunk of `patch`
   * stands now, so one can be taken back alone (runs.review's `hunks`). Absent otherwise.
   */
  hunks?: HunkState[];
}

/** A hunk as the run left it (it can be taken back), taken back already, or changed since. */
export type HunkState = 'in_place' | 'taken_back' | 'changed';

/**
 * run: changed only by the run's own tool calls; other: changed in the folder while the run went
 * on, not by the run; both: changed by the run and by someone else.
 */
export const ATTRIBUTIONS = ['run', 'other', 'both'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/**
 * What discard does with a file both changed: keep it as it is, take back only the run's part,
 * or put back the file as it was when the run started.
 */
export const BOTH_CHOICES = ['keep', 'take_back_run', 'restore_start'] as const;
export type BothChoice = (typeof BOTH_CHOICES)[number];

/** What a run changed in its folder. */
export interface RunDiff {
  runId: string;
  /** git: from commits recorded at the run's start and end; files: from the files the agent wrote. */
  source: 'git' | 'files' | 'none';
  /** The commit the diff starts from (git). */
  base: string | null;
  /** The run worked in its own git worktree (approval merges its branch). */
  worktree: boolean;
  files: DiffFile[];
  /** Why the diff is empty or partial, when it is. */
  note: string | null;
}

/** A person's remark on one line of a run's diff, sent back with "request changes". */
export interface LineComment {
  path: string;
  line: number;
  /** Which side of the diff the line number counts on. */
  side: 'old' | 'new';
  text: string;
}

/** One page of runs.query: the runs, newest first, and how many match in all. */
/** What runs.export wrote. */
export interface ExportResult {
  path: string;
  bytes: number;
  /** Events written, over every run exported. */
  events: number;
  runs: number;
}

export const PULL_REQUEST_STATES = ['open', 'closed', 'merged'] as const;
export type PullRequestState = (typeof PULL_REQUEST_STATES)[number];

/** One check on a pull request's head commit (a GitHub check run), as GitHub last reported it. */
export interface PullRequestCheck {
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  /** Once completed: success, failure, neutral, cancelled, skipped, timed_out, action_required. */
  conclusion: string | null;
  url: string | null;
}

/**
 * A pull request opened from a worktree run's branch. Every run of the conversation works on that
 * branch, so each of them shows it, and a follow-up's commits can be pushed to it.
 */
export interface PullRequest {
  /** The run whose "Open pull request" opened it. */
  runId: string;
  /** owner/name on GitHub. */
  repository: string;
  number: number;
  url: string;
  title: string;
  /** The run's branch (head) and the branch it asks to merge into (base). */
  branch: string;
  baseBranch: string;
  state: PullRequestState;
  draft: boolean;
  /** The commit the checks are for: the branch as last pushed. */
  headSha: string;
  checks: PullRequestCheck[];
  /** Commits on the run's branch not pushed yet (a follow-up's work): "Push to pull request". */
  unpushed: boolean;
  openedAt: number;
  pushedAt: number;
  /** When GitHub was last asked for its state and checks. */
  refreshedAt: number | null;
  /** Why the last refresh failed (GitHub unreachable, token refused), in words; else null. */
  refreshError: string | null;
}

/** A piece of a search hit's snippet; `match` pieces are what the words matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** One event whose text matched a search, with the run it belongs to. */
export interface SearchHit {
  /** The event's place in the index; the next page starts below the last hit's. */
  eventId: number;
  runId: string;
  /** Open the run at this event (`/runs/<runId>?event=<seq>`). */
  seq: number;
  ts: number;
  type: RunEventType;
  taskId: string;
  taskTitle: string;
  status: RunStatus;
  trigger: TriggerKind;
  runCreatedAt: number;
  /** The start of the run's prompt, to tell runs of one task apart. */
  promptPreview: string;
  snippet: SnippetPart[];
}

export interface SearchPage {
  /** Newest first. */
  hits: SearchHit[];
  /** Pass as `before` for the next page; null when there is none. */
  next: number | null;
  /** Events stored before search existed are still being indexed: older hits may be missing. */
  indexing: boolean;
}

export interface RunPage {
  runs: Run[];
  total: number;
  offset: number;
}

/** Something that stops a task's run from starting, said as cause and fix. */
export interface TaskProblem {
  code:
    | 'folder_missing'
    | 'not_a_folder'
    | 'workdir_missing'
    | 'executable_missing'
    | 'bypass_as_root'
    | 'place_unready'
    | 'sandbox_unavailable';
  /** The cause, e.g. "The folder /x is gone." */
  message: string;
  /** What to do, e.g. "Edit the task and choose its folder again." */
  fix: string;
  /** Where the fix is made. */
  place: 'task' | 'settings';
}

export interface TaskCheck {
  ok: boolean;
  problems: TaskProblem[];
  /**
   * With a runId whose worktree is gone because its work was merged: where a follow-up continues
   * the same session instead (the folder, or null for a fresh worktree), said in words.
   */
  continuesIn?: { folder: string | null; note: string };
}

/** A worktree branch holding work on no other branch (commits, or files not committed yet). */
export interface UnmergedBranch {
  runId: string;
  branch: string;
  /** The main checkout of the repository it belongs to. */
  repository: string;
  /** Commits on it that no other branch has. */
  commits: number;
  /** Files changed in its worktree and not committed. */
  uncommittedFiles: string[];
}

/** What tasks.delete would do, for the panel's question before it. */
export interface TaskDeletePreview {
  taskId: string;
  title: string;
  unmergedBranches: UnmergedBranch[];
  triggerCount: number;
  /** Runs of the task still queued, going or waiting. */
  unfinishedRuns: number;
  /** How long the delete can be undone. */
  undoDays: number;
}

export interface TaskDeleteResult {
  ok: true;
  /** Unmerged branches kept in their repositories. */
  keptBranches: string[];
  /** Unmerged branches deleted because the person named them. */
  removedBranches: string[];
  /** Until when tasks.undoDelete restores everything (epoch ms). */
  undoUntil: number;
}

/** A deleted task that can still be brought back. */
export interface DeletedTask {
  task: Task;
  deletedAt: number;
  undoUntil: number;
  keptBranches: string[];
  removedBranches: string[];
}

/** Kinds of place a task's runs can happen in besides this machine. */
export const PLACE_KINDS = ['ssh', 'container'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** An SSH host: where Claude Code is there and the folder runs work in. */
export interface SshPlaceConfig {
  host: string;
  user: string;
  port: number;
  /** 'agent': the keys of the running ssh-agent; 'key': the private key file at keyPath. */
  auth: 'agent' | 'key';
  keyPath: string | null;
  /** Claude Code on the far side: an absolute path, or a name found on the login PATH. */
  claudePath: string;
  /** The folder runs work in, on the far side (absolute). */
  folder: string;
}

/** A folder of this machine that a container sees, at the path it has inside. */
export interface ContainerMount {
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

/**
 * A container (podman, or docker with the same command line): the image Claude Code is in, what
 * else it sees besides the task's folder (mounted at the same path), and whether it has a network.
 */
export interface ContainerPlaceConfig {
  engine: 'podman' | 'docker';
  /** A local image (never pulled at a run's start). */
  image: string;
  /** Claude Code in the image: an absolute path or a name on the image's PATH. */
  claudePath: string;
  mounts: ContainerMount[];
  /** false: no network at all, only the API through a socket Switchboard relays. */
  network: boolean;
  /**
   * Sealed: the person vouches that the container is a throwaway box, so "Allow everything" is
   * offered there (as root, with Claude Code's sandbox flag).
   */
  sealed: boolean;
}

/** A place runs can happen in (Settings → Places). */
export interface Place {
  id: string;
  name: string;
  kind: PlaceKind;
  /** kind ssh: the host; for a container place, an empty stand-in never used. */
  ssh: SshPlaceConfig;
  /** kind container: the container; null for an SSH place. */
  container: ContainerPlaceConfig | null;
  /** The host key the person accepted (SHA256 fingerprint); null until they do. */
  hostKeyFingerprint: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Where an MCP server runs: a command Claude Code starts, or a URL it connects to. */
export const MCP_TRANSPORTS = ['stdio', 'http', 'sse'] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

/**
 * One environment variable (stdio) or header (http, sse) of an MCP server: either plain text,
 * kept as it is, or the name of a keychain secret whose value is read at each run and never
 * stored anywhere else.
 */
export type McpSetting = { name: string; value: string } | { name: string; secret: string };

/** An MCP server in Switchboard's library, attachable to any number of tasks. */
export interface McpServer {
  id: string;
  /** The name Claude Code knows it by: its tools are `mcp__<name>__<tool>`. */
  name: string;
  transport: McpTransport;
  /** stdio: the command and its arguments. */
  command: string | null;
  args: string[];
  env: McpSetting[];
  /** http and sse: where it answers. */
  url: string | null;
  headers: McpSetting[];
  /** The tasks it is attached to, for the library's list and its delete. */
  usedBy: { taskId: string; title: string }[];
  createdAt: number;
  updatedAt: number;
}

/** Where a run ran, as the place was when it started. */
/** The place filter's word for this machine (runs.query, search.query). */
export const PLACE_HERE = 'here';

export interface RunPlace {
  id: string;
  name: string;
  kind: PlaceKind;
  /** Said in lists: "alice@build-server:/srv/repo". */
  where: string;
}

/** What "Test this place" found, in plain words. */
export interface PlaceCheck {
  ok: boolean;
  /** What is missing or wrong, each a sentence with what to do. */
  problems: string[];
  /** The host's key: trusted (the accepted one), unknown (first use: accept it), changed (refused). */
  hostKey: {
    status: 'trusted' | 'unknown' | 'changed' | 'unreachable';
    fingerprint: string | null;
  };
  /** `claude --version` on the far side, when it was found. */
  claudeVersion: string | null;
  /** How long connecting and checking took. */
  tookMs: number;
}

/** What "Test" found: the server's tools, or why it could not be reached. */
export interface McpTestResult {
  ok: boolean;
  tools: { name: string; description: string | null }[];
  error: string | null;
  durationMs: number;
}

/** One MCP server of a session, as its transcript shows it. */
export interface McpServerState {
  name: string;
  /** connected, failed, needs-auth, pending or disabled; another word from a newer Claude Code. */
  status: string;
  /** Why it failed, when Claude Code says. */
  error?: string;
  /** Where its definition came from: `dynamic` for a task's own, `user`, `project`, `sdk`, … */
  source?: string;
  toolCount?: number;
}
