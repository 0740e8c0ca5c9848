// The API: every method once (name, input schema, result type) and every push event once.
// desktop/ipc.ts and server/ bind this map; the renderer's client is typed from it.
import type { z } from 'zod';
import type { AwayDelivery, AwayState } from './away';
import type {
  Approval,
  CostSummary,
  DeletedTask,
  ExportResult,
  CronPreview,
  EngineStatus,
  LocalApiState,
  Place,
  PlaceCheck,
  McpServer,
  Skill,
  McpTestResult,
  OpenFolderResult,
  PlanLimits,
  PullRequest,
  Run,
  RunDiff,
  RunEvent,
  RunReview,
  RunPage,
  SearchPage,
  SecretsState,
  Settings,
  Task,
  TaskCheck,
  TaskDeletePreview,
  TaskDeleteResult,
  Trigger,
  TriggerFiring,
} from './domain';
import {
  ApprovalDecideInput,
  ApprovalsListInput,
  AwayDeliveriesInput,
  AwayTokenInput,
  CostsSummaryInput,
  NtfyTokenInput,
  EmptyInput,
  PlaceCreateInput,
  PlaceIdInput,
  PlaceTrustInput,
  PlaceUpdateInput,
  McpServerConfigInput,
  McpServerIdInput,
  SkillNameInput,
  SkillSaveInput,
  McpServerSaveInput,
  RunEventsInput,
  RunFollowUpInput,
  RunIdInput,
  RunExportInput,
  RunOpenFolderInput,
  RunReviewInput,
  RunsListInput,
  ReviewsListInput,
  RunsQueryInput,
  SearchQueryInput,
  SecretNameInput,
  SecretSetInput,
  SettingsUpdateInput,
  TaskCheckInput,
  TaskCreateInput,
  TaskDeleteInput,
  TaskIdInput,
  TaskRunInput,
  TaskUpdateInput,
  TriggerCreateInput,
  TriggerFiringsInput,
  TriggerIdInput,
  TriggerPreviewInput,
  TriggersListInput,
  TriggerUpdateInput,
} from './schemas';

interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Type-only marker for the result; never read at run time. */
  output?: Output;
}

const method =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input });

export const methods = {
  'tasks.create': method<Task>()(TaskCreateInput),
  'tasks.update': method<Task>()(TaskUpdateInput),
  'tasks.list': method<Task[]>()(EmptyInput),
  'tasks.get': method<Task>()(TaskIdInput),
  /** Keeps each unmerged worktree branch unless named in deleteUnmergedBranches; undoable. */
  'tasks.delete': method<TaskDeleteResult>()(TaskDeleteInput),
  'tasks.deletePreview': method<TaskDeletePreview>()(TaskIdInput),
  /** Brings a deleted task back as it was: triggers, worktrees, branches. */
  'tasks.undoDelete': method<Task>()(TaskIdInput),
  'tasks.listDeleted': method<DeletedTask[]>()(EmptyInput),
  'tasks.run': method<Run>()(TaskRunInput),
  'tasks.check': method<TaskCheck>()(TaskCheckInput),
  'runs.list': method<Run[]>()(RunsListInput),
  'runs.query': method<RunPage>()(RunsQueryInput),
  'runs.thread': method<Run[]>()(RunIdInput),
  'runs.get': method<Run>()(RunIdInput),
  'runs.events': method<RunEvent[]>()(RunEventsInput),
  'runs.cancel': method<Run>()(RunIdInput),
  'runs.resume': method<Run>()(RunIdInput),
  'runs.followUp': method<Run>()(RunFollowUpInput),
  'runs.diff': method<RunDiff>()(RunIdInput),
  'runs.review': method<Run>()(RunReviewInput),
  /** Puts the target branch, its checkout and the run's worktree back as before the merge. */
  'runs.undoMerge': method<Run>()(RunIdInput),
  /** Puts back what the run's last discard replaced, byte for byte, while it can be undone. */
  'runs.undoDiscard': method<Run>()(RunIdInput),
  /** Writes a run or its whole conversation as Markdown, HTML or JSON to a new file, streamed. */
  'runs.export': method<ExportResult>()(RunExportInput),
  /**
   * Pushes a worktree run's branch to its repository's remote and opens a GitHub pull request
   * (title and body from the run); when the conversation already has one, pushes the new commits
   * to it. Refused in words: no worktree, no remote, not GitHub, no token, merged or discarded.
   */
  'runs.openPullRequest': method<PullRequest>()(RunIdInput),
  /** The pull request of the run's branch as last seen (polled); null when it has none. */
  'runs.pullRequest': method<{ pullRequest: PullRequest | null }>()(RunIdInput),
  /**
   * Opens the folder the run worked in (its worktree, or the task's folder) in the person's
   * editor or a terminal, on the machine the engine runs on (Settings → Open in).
   */
  'runs.openFolder': method<OpenFolderResult>()(RunOpenFolderInput),
  'reviews.list': method<RunReview[]>()(ReviewsListInput),
  /** Run anyway: starts a held or parked run now, or continues a budget-stopped one once. */
  'runs.startNow': method<Run>()(RunIdInput),
  /** Every event of every run (prompts, answers, tool calls and output, errors), newest first. */
  'search.query': method<SearchPage>()(SearchQueryInput),
  'limits.get': method<PlanLimits>()(EmptyInput),
  'approvals.list': method<Approval[]>()(ApprovalsListInput),
  'approvals.decide': method<Approval>()(ApprovalDecideInput),
  'costs.summary': method<CostSummary>()(CostsSummaryInput),
  'settings.get': method<Settings>()(EmptyInput),
  'settings.update': method<Settings>()(SettingsUpdateInput),
  'secrets.list': method<SecretsState>()(EmptyInput),
  'secrets.set': method<SecretsState>()(SecretSetInput),
  'secrets.delete': method<SecretsState>()(SecretNameInput),
  'mcpServers.list': method<McpServer[]>()(EmptyInput),
  /** Creates (no serverId) or replaces a library server; every task it is attached to gets it. */
  'mcpServers.save': method<McpServer>()(McpServerSaveInput),
  /** Refused while a task uses it (the message names them). */
  'mcpServers.delete': method<{ ok: true }>()(McpServerIdInput),
  /** Starts (or reaches) the server as given, saved or not, and lists its tools. */
  'mcpServers.test': method<McpTestResult>()(McpServerConfigInput),
  /** The skill library (equipment/skill-library.ts), by name. */
  'skills.list': method<Skill[]>()(EmptyInput),
  /** Creates or replaces a library skill; every task it is attached to gets the change. */
  'skills.save': method<Skill>()(SkillSaveInput),
  /** Refused while a task uses it (the message names them). */
  'skills.delete': method<{ ok: true }>()(SkillNameInput),
  'triggers.create': method<Trigger>()(TriggerCreateInput),
  'triggers.list': method<Trigger[]>()(TriggersListInput),
  'triggers.get': method<Trigger>()(TriggerIdInput),
  'triggers.update': method<Trigger>()(TriggerUpdateInput),
  'triggers.delete': method<{ ok: true }>()(TriggerIdInput),
  'triggers.preview': method<CronPreview>()(TriggerPreviewInput),
  'triggers.firings': method<TriggerFiring[]>()(TriggerFiringsInput),
  'localApi.get': method<LocalApiState>()(EmptyInput),
  'places.list': method<Place[]>()(EmptyInput),
  'places.create': method<Place>()(PlaceCreateInput),
  /** A changed host or port forgets the accepted host key: the new one is shown to accept. */
  'places.update': method<Place>()(PlaceUpdateInput),
  /** Refused while a task names the place. */
  'places.delete': method<{ ok: true }>()(PlaceIdInput),
  /** "Test this place": connects, finds Claude Code and its version, checks the folder. */
  'places.test': method<PlaceCheck>()(PlaceIdInput),
  /** Accepts the host key shown by places.test, if the host still offers that very key. */
  'places.trustHostKey': method<Place>()(PlaceTrustInput),
  /** Settings → Away: each channel's token source, pairing, queue and last error. */
  'away.get': method<AwayState>()(EmptyInput),
  /** Keeps the Telegram bot token in the keychain (never shown again). */
  'away.setTelegramToken': method<AwayState>()(AwayTokenInput),
  'away.forgetTelegramToken': method<AwayState>()(EmptyInput),
  /** A new one-time code to send the bot as `/start <code>`; replaces any earlier one. */
  'away.startPairing': method<AwayState>()(EmptyInput),
  /** Forgets the paired chat at once: nothing more is sent to it, and it decides nothing more. */
  'away.revokePairing': method<AwayState>()(EmptyInput),
  /** Keeps the ntfy access token in the keychain (never shown again). */
  'away.setNtfyToken': method<AwayState>()(NtfyTokenInput),
  'away.forgetNtfyToken': method<AwayState>()(EmptyInput),
  /** A new pair of long random ntfy topics; the old pair decides nothing from then on. */
  'away.newNtfyTopics': method<AwayState>()(EmptyInput),
  /** Turns ntfy off: its topics are forgotten, nothing more is sent or decided there. */
  'away.removeNtfyTopics': method<AwayState>()(EmptyInput),
  /** A new signing secret for the outbound webhook, kept in the keychain; returned this once. */
  'away.newWebhookSecret': method<{ secret: string }>()(EmptyInput),
  /** Where each of these requests was sent, and whether a phone decided it. */
  'away.deliveries': method<AwayDelivery[]>()(AwayDeliveriesInput),
} as const;

type Methods = typeof methods;
export type MethodName = keyof Methods;

/** What a caller passes (defaults not yet applied). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type MethodParams<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<Methods[M]['output']>;

/** The engine side: one handler per method. */
export type ApiHandlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Push events: what subscribers (the panel, the tray, notifications) hear about. */
export interface PushEvents {
  'run.updated': Run;
  'run.event': RunEvent;
  'approval.updated': Approval;
  'task.updated': Task;
  'task.deleted': { taskId: string };
  'settings.updated': Settings;
  'trigger.updated': Trigger;
  'trigger.deleted': { triggerId: string; taskId: string };
  'review.updated': RunReview;
  /** From the desktop app's main process only: the engine host stopped, restarts, is back. */
  'engine.status': EngineStatus;
  'limits.updated': PlanLimits;
  'away.updated': AwayState;
  /** The MCP server library changed (saved, deleted, or a task attached one). */
  'mcpServers.updated': McpServer[];
  /** A pull request was opened, pushed to, or its state or checks changed. */
  'pullRequest.updated': PullRequest;
}
export type PushEventName = keyof PushEvents;
export type PushEvent = {
  [E in PushEventName]: { type: E; payload: PushEvents[E] };
}[PushEventName];
// The list lives in a module without zod, so the panel's first screen does not load the schemas.
export { PUSH_EVENT_NAMES } from './push-event-names';
