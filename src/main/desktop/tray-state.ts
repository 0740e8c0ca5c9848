// What the tray shows, derived from push events alone: idle / running / needs you, the counts,
// and the last few runs for its menu. Pure functions; the tray adapter only draws the result.
// "Needs you" is the panel's count (shared/needs-you): requests, questions, plans and reviews.
import type { PushEvent } from '../../shared/contract';
import type { Approval, Run, RunReview, RunStatus } from '../../shared/domain';
import { needsYouCount, reviewNeedsYou } from '../../shared/needs-you';

export type TrayLook = 'idle' | 'running' | 'attention';

export interface RecentRun {
  id: string;
  taskTitle: string;
  status: RunStatus;
  createdAt: number;
  /** Waiting for a plan window, not for a person. */
  parked?: boolean;
}

export interface TrayModel {
  /** Unfinished runs by id (queued, running or waiting). */
  active: Readonly<Record<string, RunStatus>>;
  /** Pending approvals: approval id → run id. */
  pending: Readonly<Record<string, string>>;
  /** Reviews heard of, by run id (what needs-you asks of them). */
  reviews: Readonly<Record<string, Pick<RunReview, 'status' | 'followUpRunId'>>>;
  /** Newest first, at most RECENT_RUNS. */
  recent: readonly RecentRun[];
}

export interface TrayView {
  look: TrayLook;
  running: number;
  queued: number;
  needsYou: number;
  tooltip: string;
  /** Text beside the icon in the macOS menu bar. */
  title: string;
}

export const RECENT_RUNS = 5;
export const EMPTY_TRAY: TrayModel = { active: {}, pending: {}, reviews: {}, recent: [] };
const UNFINISHED: readonly RunStatus[] = ['queued', 'running', 'waiting'];

/** The model after one push event; the same object when the event changes nothing here. */
export function reduceTray(model: TrayModel, event: PushEvent): TrayModel {
  if (event.type === 'run.updated') return withRun(model, event.payload);
  if (event.type === 'approval.updated') return withApproval(model, event.payload);
  if (event.type === 'review.updated') return withReview(model, event.payload);
  return model;
}

/** The model at start-up, from what the API lists. */
export function seedTray(
  runs: readonly Run[],
  approvals: readonly Approval[],
  reviews: readonly RunReview[] = [],
): TrayModel {
  const byAge = [...runs].sort((a, b) => a.createdAt - b.createdAt);
  const withRuns = byAge.reduce<TrayModel>((model, run) => withRun(model, run), EMPTY_TRAY);
  const withApprovals = approvals.reduce<TrayModel>(
    (model, approval) => withApproval(model, approval),
    withRuns,
  );
  return reviews.reduce<TrayModel>((model, review) => withReview(model, review), withApprovals);
}

/** How many things need the person, counted as the panel counts them. */
export function trayNeedsYou(model: TrayModel): number {
  const reviewOf = (runId: string) => model.reviews[runId];
  const reviews = Object.values(model.reviews).filter((review) => reviewNeedsYou(review, reviewOf));
  return needsYouCount({ approvals: Object.keys(model.pending).length, reviews: reviews.length });
}

export function describeTray(model: TrayModel): TrayView {
  const statuses = Object.values(model.active);
  const running = statuses.filter((s) => s === 'running' || s === 'waiting').length;
  const queued = statuses.filter((s) => s === 'queued').length;
  const needsYou = trayNeedsYou(model);
  const look: TrayLook = needsYou > 0 ? 'attention' : running + queued > 0 ? 'running' : 'idle';
  const parts = [
    running > 0 ? `${running} running` : '',
    queued > 0 ? `${queued} queued` : '',
    needsYou > 0 ? `${needsYou} ${needsYou === 1 ? 'needs' : 'need'} you` : '',
  ].filter(Boolean);
  return {
    look,
    running,
    queued,
    needsYou,
    tooltip: `Switchboard — ${parts.length > 0 ? parts.join(', ') : 'idle'}`,
    title: needsYou > 0 ? String(needsYou) : running > 0 ? String(running) : '',
  };
}

function withRun(model: TrayModel, run: Run): TrayModel {
  const unfinished = UNFINISHED.includes(run.status);
  const parked = run.parkedUntil !== null && run.status === 'waiting';
  // A parked run waits for its plan window, not for a person: it counts as queued.
  const counted: RunStatus = parked ? 'queued' : run.status;
  const known = model.active[run.id];
  const shown = model.recent.find((r) => r.id === run.id);
  const recentSame = shown?.status === run.status && (shown.parked ?? false) === parked;
  if ((unfinished ? known === counted : known === undefined) && recentSame) return model;

  const active = unfinished
    ? { ...model.active, [run.id]: counted }
    : without(model.active, run.id);
  const entry: RecentRun = {
    id: run.id,
    taskTitle: run.taskTitle,
    status: run.status,
    createdAt: run.createdAt,
    ...(parked ? { parked } : {}),
  };
  const recent = [entry, ...model.recent.filter((r) => r.id !== run.id)]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, RECENT_RUNS);
  // Approvals of a finished run no longer wait for anyone.
  const pending = unfinished ? model.pending : withoutRun(model.pending, run.id);
  return { ...model, active, pending, recent };
}

function withApproval(model: TrayModel, approval: Approval): TrayModel {
  const isPending = approval.status === 'pending';
  if (isPending === approval.id in model.pending) return model;
  const pending = isPending
    ? { ...model.pending, [approval.id]: approval.runId }
    : without(model.pending, approval.id);
  return { ...model, pending };
}

function withoutRun(
  pending: Readonly<Record<string, string>>,
  runId: string,
): Readonly<Record<string, string>> {
  const entries = Object.entries(pending).filter(([, id]) => id !== runId);
  return entries.length === Object.keys(pending).length ? pending : Object.fromEntries(entries);
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function withReview(model: TrayModel, review: RunReview): TrayModel {
  const known = model.reviews[review.runId];
  if (known?.status === review.status && known.followUpRunId === review.followUpRunId) return model;
  const entry = { status: review.status, followUpRunId: review.followUpRunId };
  return { ...model, reviews: { ...model.reviews, [review.runId]: entry } };
}
