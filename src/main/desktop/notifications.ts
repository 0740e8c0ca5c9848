// Native notifications: a run waits for a person (a request, or changes to review), a run failed,
// optionally a run succeeded, and runs are held back (a plan window or a budget) — once per hold,
// not once per held run.
// The planner decides from push events (pure); the notifier shows them and a click opens the item.
import { Notification } from 'electron';
import type { PushEvent } from '../../shared/contract';
import type { Approval, PlanLimits, Run, RunReview, Settings } from '../../shared/domain';

export type NotificationKind = keyof Settings['notifications'];

export interface NotificationIntent {
  kind: NotificationKind;
  title: string;
  body: string;
  /** The panel route a click opens. */
  route: string;
}

/** How many finished runs and seen approvals are remembered, so each is announced once. */
const MEMORY = 500;
const BODY_CHARS = 180;

export class NotificationPlanner {
  private readonly announced = new Set<string>();

  plan(event: PushEvent, choices: Settings['notifications']): NotificationIntent | null {
    if (event.type === 'approval.updated') return this.forApproval(event.payload, choices);
    if (event.type === 'run.updated') return this.forRun(event.payload, choices);
    if (event.type === 'review.updated') return this.forReview(event.payload, choices);
    if (event.type === 'limits.updated') return this.forHold(event.payload, choices);
    return null;
  }

  /** A run's changes wait for review: announced like a request, under the same switch. */
  private forReview(
    review: RunReview,
    choices: Settings['notifications'],
  ): NotificationIntent | null {
    if (review.status !== 'pending' || !this.firstTime(`review:${review.runId}`)) return null;
    if (!choices.waiting) return null;
    const files = `${review.fileCount} file${review.fileCount === 1 ? '' : 's'} changed`;
    return {
      kind: 'waiting',
      title: `${review.taskTitle}: changes to review`,
      body:
        review.mode === 'worktree' && review.baseBranch
          ? `${files}, to merge into ${review.baseBranch}`
          : files,
      route: `/runs/${review.runId}`,
    };
  }

  private forHold(
    limits: PlanLimits,
    choices: Settings['notifications'],
  ): NotificationIntent | null {
    const hold = limits.hold;
    if (hold === null || !choices.waiting) return null;
    if (!this.firstTime(`hold:${hold.kind}:${hold.since}`)) return null;
    const titles: Record<typeof hold.kind, string> = {
      plan: 'Plan limit reached: runs wait',
      threshold: 'Scheduled runs held near the plan limit',
      budget: 'Budget reached: runs wait',
    };
    return { kind: 'waiting', title: titles[hold.kind], body: clip(hold.reason), route: '/' };
  }

  private forApproval(
    approval: Approval,
    choices: Settings['notifications'],
  ): NotificationIntent | null {
    if (approval.status !== 'pending' || !this.firstTime(`approval:${approval.id}`)) return null;
    if (!choices.waiting) return null;
    const question = approval.questions?.[0]?.question;
    const body =
      approval.kind === 'folder_trust'
        ? 'Its folder has Claude Code settings of its own: load them, or run without them?'
        : (question ?? approval.title ?? `Allow ${approval.toolName}?`);
    return {
      kind: 'waiting',
      title: `${approval.taskTitle} needs you`,
      body: clip(body),
      route: `/runs/${approval.runId}`,
    };
  }

  private forRun(run: Run, choices: Settings['notifications']): NotificationIntent | null {
    if (run.status !== 'failed' && run.status !== 'succeeded') return null;
    if (!this.firstTime(`run:${run.id}`)) return null;
    if (run.status === 'failed') {
      if (!choices.failed) return null;
      return {
        kind: 'failed',
        title: `${run.taskTitle} failed`,
        body: clip(run.error ?? 'The run failed.'),
        route: `/runs/${run.id}`,
      };
    }
    if (!choices.succeeded) return null;
    return {
      kind: 'succeeded',
      title: `${run.taskTitle} is done`,
      body: clip(run.result ?? 'The run succeeded.'),
      route: `/runs/${run.id}`,
    };
  }

  private firstTime(key: string): boolean {
    if (this.announced.has(key)) return false;
    this.announced.add(key);
    if (this.announced.size > MEMORY) {
      const oldest = this.announced.values().next().value;
      if (oldest !== undefined) this.announced.delete(oldest);
    }
    return true;
  }
}

/**
 * Shows intents as native notifications; a click calls `open` with the intent's route. One the
 * OS refuses (an unsigned macOS build, notifications turned off for the app) emits `failed`: it is
 * logged once per reason and not kept.
 */
export class DesktopNotifier {
  // Referenced until closed, so a click still reaches its handler after a garbage collection.
  private readonly live = new Set<Notification>();
  private readonly reported = new Set<string>();

  constructor(private readonly open: (route: string) => void) {}

  /** How many shown notifications are kept for their clicks. */
  get kept(): number {
    return this.live.size;
  }

  show(intent: Pick<NotificationIntent, 'title' | 'body'> & { route: string | null }): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: intent.title, body: intent.body });
    this.live.add(notification);
    notification.on('click', () => {
      this.live.delete(notification);
      if (intent.route !== null) this.open(intent.route);
    });
    notification.on('close', () => this.live.delete(notification));
    notification.on('failed', (_event, error) => {
      this.live.delete(notification);
      if (this.reported.has(error)) return;
      this.reported.add(error);
      console.warn(`[switchboard] the OS did not show a notification: ${error}`);
    });
    notification.show();
  }
}

function clip(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > BODY_CHARS ? `${line.slice(0, BODY_CHARS - 1)}…` : line;
}
