// A run's state as the person reads it, once for every place that shows one (run header, lists,
// the transcript's end line, Home, the palette): running, stalled, waiting for you, parked until a
// time, retrying (n of m, at a time), queued, done, and a failure with its cause class and the one
// action that mends it. The views only choose how to draw it; the words and the choice are here.
import type { Run } from './domain';
import { formatMoment, formatRelative, type TimeFormatOptions } from './time-format';

/** Why a run failed, as far as what mends it goes. */
export type FailureCause =
  | 'authentication'
  | 'configuration'
  | 'plan_limit'
  | 'budget'
  | 'folder_gone'
  | 'crashed'
  | 'other';

/** The one action that mends a failure (each view draws it as a link or a button). */
export type FixAction =
  /** Settings → Secrets: the API key or token. */
  | 'secrets'
  /** The task's form: choose its folder again. */
  | 'choose_folder'
  /** Start it now whatever holds it (plan window, budget). */
  | 'run_anyway'
  /** Continue the session. */
  | 'resume';

export type RunStateKind =
  | 'queued'
  | 'running'
  | 'stalled'
  | 'waiting'
  | 'parked'
  | 'retrying'
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'interrupted';

export type Tone = 'neutral' | 'accent' | 'warning' | 'success' | 'danger';

export interface RunState {
  kind: RunStateKind;
  /** The badge's words: "Running", "Parked until 17:07", "Failed · sign-in". */
  label: string;
  tone: Tone;
  /** A sentence for the run's page and the transcript's end line; null when the label says it. */
  detail: string | null;
  cause: FailureCause | null;
  fix: FixAction | null;
  /** Words for the fix: "Open Settings → Secrets", "Choose folder…". */
  fixLabel: string | null;
  /** Whether Resume would help (never after a rejected key: it would fail the same way). */
  resumable: boolean;
}

export type RunStateInput = Pick<
  Run,
  | 'status'
  | 'error'
  | 'heldReason'
  | 'parkedUntil'
  | 'stalledAt'
  | 'retryAt'
  | 'retryLimit'
  | 'trigger'
  | 'taskId'
  | 'planWindow'
>;

const PLAN_WINDOWS: Record<string, string> = {
  five_hour: '5-hour',
  seven_day: 'weekly',
  seven_day_opus: 'weekly (Opus)',
  seven_day_sonnet: 'weekly (Sonnet)',
};

/** "5-hour", "weekly": the plan window a run's requests count against, in words. */
export function planWindowName(window: string | null): string | null {
  return window === null ? null : (PLAN_WINDOWS[window] ?? window.replaceAll('_', ' '));
}

const CAUSES: [FailureCause, RegExp][] = [
  [
    'authentication',
    /^Authentication failed|API key or login was rejected|invalid (x-)?api[- ]key|authentication_error|\bHTTP 401\b|please run \/login/i,
  ],
  ['configuration', /^Configuration error|model was not found|model_not_found/i],
  ['plan_limit', /plan's .* limit|usage limit|rate limited|rate_limit|\bHTTP 429\b/i],
  ['budget', /budget/i],
  [
    'folder_gone',
    /folder .* (is gone|no longer exists)|no such file or directory, (chdir|uv_cwd)|is a file, not a folder/i,
  ],
  [
    'crashed',
    /Claude Code (ended without a result|stopped with an error|exited|process (exited|terminated))|exited with code|killed by signal|SIGKILL|SIGSEGV/i,
  ],
];

/** How a failure reads in a badge or the transcript's end line: "Failed · folder gone". */
export function failedLabel(error: string | null): string {
  const cause = failureCause(error);
  return cause === 'other' ? 'Failed' : `Failed · ${CAUSE_WORDS[cause]}`;
}

export function failureCause(error: string | null): FailureCause {
  if (!error) return 'other';
  for (const [cause, pattern] of CAUSES) if (pattern.test(error)) return cause;
  return 'other';
}

const CAUSE_WORDS: Record<FailureCause, string> = {
  authentication: 'sign-in rejected',
  configuration: 'settings',
  plan_limit: 'plan limit',
  budget: 'budget',
  folder_gone: 'folder gone',
  crashed: 'Claude Code crashed',
  other: 'error',
};

const FIXES: Record<FailureCause, { fix: FixAction; label: string } | null> = {
  authentication: { fix: 'secrets', label: 'Fix the key in Settings → Secrets' },
  configuration: null,
  plan_limit: { fix: 'resume', label: 'Resume' },
  budget: { fix: 'run_anyway', label: 'Continue anyway' },
  folder_gone: { fix: 'choose_folder', label: 'Choose folder…' },
  crashed: { fix: 'resume', label: 'Resume' },
  other: { fix: 'resume', label: 'Resume' },
};

/** A retry's place in the line: 1 for the first retry. */
function retryNumber(run: RunStateInput): number {
  const retry = run.trigger.detail?.retry;
  return (typeof retry === 'number' ? retry : 0) + 1;
}

/** Whether Resume would help: it continues a stopped, broken-off or failed run, but a rejected
 *  key or a missing model would fail the same way again. */
export function canResume(run: Pick<RunStateInput, 'status' | 'error'>): boolean {
  if (run.status === 'cancelled' || run.status === 'interrupted') return true;
  if (run.status !== 'failed') return false;
  const cause = failureCause(run.error);
  return cause !== 'authentication' && cause !== 'configuration';
}

export function runState(
  run: RunStateInput,
  now: number,
  options: TimeFormatOptions = {},
): RunState {
  const at = (time: number) => formatRelative(time, now, options);
  const plain = (kind: RunStateKind, label: string, tone: Tone, detail: string | null = null) => ({
    kind,
    label,
    tone,
    detail,
    cause: null,
    fix: null,
    fixLabel: null,
    resumable: false,
  });
  switch (run.status) {
    case 'queued':
      return {
        ...plain('queued', 'Queued', 'neutral', run.heldReason),
        ...(run.heldReason ? { fix: 'run_anyway' as const, fixLabel: 'Run anyway' } : {}),
      };
    case 'running':
      if (run.stalledAt !== null) {
        return plain(
          'stalled',
          'Stalled',
          'warning',
          `No sign of life since ${at(run.stalledAt)}.`,
        );
      }
      return plain('running', 'Running', 'accent');
    case 'waiting':
      if (run.parkedUntil !== null) {
        return {
          ...plain(
            'parked',
            `Parked until ${formatMoment(run.parkedUntil, now, options)}`,
            'neutral',
            `The plan's ${planWindowName(run.planWindow) ?? 'usage'} limit is used up. It carries on by itself ${at(run.parkedUntil)}.`,
          ),
          fix: 'run_anyway',
          fixLabel: 'Run anyway',
        };
      }
      return plain('waiting', 'Waiting for you', 'warning');
    case 'succeeded':
      return plain('succeeded', 'Succeeded', 'success');
    case 'cancelled':
      return { ...plain('stopped', 'Stopped', 'neutral'), resumable: true };
    case 'interrupted': {
      const cause = run.error ? failureCause(run.error) : null;
      const budget = cause === 'budget';
      return {
        ...plain('interrupted', 'Interrupted', 'neutral', run.error),
        cause: budget ? 'budget' : null,
        fix: budget ? 'run_anyway' : 'resume',
        fixLabel: budget ? 'Continue anyway' : 'Resume',
        resumable: true,
      };
    }
    case 'failed': {
      const cause = failureCause(run.error);
      if (run.retryAt !== null) {
        const n = retryNumber(run);
        return {
          ...plain(
            'retrying',
            `Retrying (${n} of ${run.retryLimit})`,
            'warning',
            `A temporary API error stopped it; retry ${n} of ${run.retryLimit} starts ${at(run.retryAt)}.`,
          ),
          cause,
          resumable: true,
        };
      }
      const fix = FIXES[cause];
      return {
        kind: 'failed',
        label: failedLabel(run.error),
        tone: 'danger',
        detail: run.error,
        cause,
        fix: fix?.fix ?? null,
        fixLabel: fix?.label ?? null,
        resumable: canResume(run),
      };
    }
  }
}
