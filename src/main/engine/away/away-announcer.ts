// Turns what happens into queued messages for each channel: a request waiting for the person
// (with single-use decision buttons where the channel takes decisions back), the same message
// updated once decided, and a run's end, failure, parking and budget, each only where the person
// asked for it, held by the channel's quiet hours.
import { randomBytes } from 'node:crypto';
import type { AwayChannelName, AwayEvent, QuietHours } from '../../../shared/away';
import type { Approval, PlanLimits, Run, Settings } from '../../../shared/domain';
import type { Store } from '../store';
import type { ChannelDelivery } from './outbox-worker';
import { quietUntil } from './quiet-hours';
import {
  budgetMessage,
  decidedMessage,
  requestMessage,
  runMessage,
  type RunAnnouncement,
} from './telegram-messages';

/** A channel as the service sees it: where its messages go, and what it was asked to send. */
export interface Outlet {
  name: AwayChannelName;
  delivery: ChannelDelivery;
  /** The chat, reply topic or address messages are bound to; null: the channel is off. */
  target(): string | null;
  /** Whether its messages carry buttons that decide (a token bound to the target). */
  decides: boolean;
  /** Whether it reads a written reply to a question (Telegram's Reply). */
  replies: boolean;
  events(settings: Settings): Record<AwayEvent, boolean>;
  quietHours(settings: Settings): QuietHours | null;
}

export class AwayAnnouncer {
  /** What each run was when last seen, to announce changes once. */
  private readonly lastSeen = new Map<
    string,
    { status: Run['status']; parked: boolean; held: string | null }
  >();
  /** When the budget hold last announced began; null while there is none. */
  private budgetSince: number | null = null;

  constructor(
    private readonly deps: {
      store: Store;
      clock: () => number;
      settings: () => Settings;
      outlets: readonly Outlet[];
      /** Something was queued: deliver it. */
      kick: () => void;
      /** The queues changed: Settings and the inbox refresh. */
      changed: () => void;
    },
  ) {}

  onApproval(approval: Approval): void {
    for (const outlet of this.deps.outlets) this.onApprovalFor(outlet, approval);
  }

  private onApprovalFor(outlet: Outlet, approval: Approval): void {
    const { store, clock } = this.deps;
    const items = store.away
      .forApprovals([approval.id])
      .filter((item) => item.channel === outlet.name);
    const send = items.find((item) => item.kind === 'send');
    if (approval.status === 'pending') {
      const target = outlet.target();
      if (send || target === null || !this.wants(outlet, 'needsYou')) return;
      const panelUrl = this.deps.settings().away.panelUrl;
      if (!outlet.decides) {
        // It decides nothing: the text alone, no buttons, so no token is issued for it.
        const { text } = requestMessage(approval, { token: '-', panelUrl: null, replies: false });
        const link = panelUrl ? `\n${panelLink(panelUrl, approval.runId)}` : '';
        this.enqueue(
          outlet.name,
          target,
          { text: `Needs you: ${text}${link}`, event: 'needsYou' },
          { approvalId: approval.id, runId: approval.runId },
        );
        return;
      }
      const token = randomBytes(16).toString('base64url');
      store.away.addToken({
        token,
        approvalId: approval.id,
        channel: outlet.name,
        chat: target,
        createdAt: clock(),
      });
      const message = requestMessage(approval, { token, panelUrl, replies: outlet.replies });
      this.enqueue(
        outlet.name,
        target,
        { text: message.text, keyboard: message.keyboard, event: 'needsYou' },
        { approvalId: approval.id, runId: approval.runId },
      );
      return;
    }
    if (!send || !outlet.decides || items.some((item) => item.kind === 'edit')) return;
    if (send.sentAt === null) {
      if (send.droppedAt === null) {
        store.away.drop(send.id, clock(), 'Decided before it was sent.');
        this.deps.changed();
      }
      return;
    }
    // The token is spent before the decision is made, so this holds while it is being made.
    const fromPhone = store.away.decidedByToken(approval.id);
    const text = decidedMessage(approval, { fromPhone, at: approval.decidedAt ?? clock() });
    const target = typeof send.payload.chat === 'string' ? send.payload.chat : null;
    if (target === null) return;
    // Edits are not held by quiet hours: they quiet a message already there.
    store.away.enqueue({
      channel: outlet.name,
      kind: 'edit',
      approvalId: approval.id,
      runId: approval.runId,
      payload: { chat: target, sendId: send.id, text },
      at: clock(),
    });
    this.deps.kick();
  }

  /**
   * The engine's own budget signal: a budget hold (runs held back, or stopped in flight) is
   * announced once when it begins, not per run.
   */
  onLimits(limits: PlanLimits): void {
    const hold = limits.hold;
    if (hold?.kind !== 'budget') {
      this.budgetSince = null;
      return;
    }
    if (this.budgetSince === hold.since) return;
    this.budgetSince = hold.since;
    const text = budgetMessage(hold.reason, this.deps.settings().away.panelUrl);
    for (const outlet of this.deps.outlets) {
      const target = outlet.target();
      if (target === null || !this.wants(outlet, 'budget')) continue;
      this.enqueue(
        outlet.name,
        target,
        { text, event: 'budget' },
        { approvalId: null, runId: null },
      );
    }
  }

  onRun(run: Run): void {
    const before = this.lastSeen.get(run.id);
    const now = { status: run.status, parked: run.parkedUntil !== null, held: run.heldReason };
    this.lastSeen.delete(run.id);
    this.lastSeen.set(run.id, now);
    // Bounded: the oldest entries (insertion order) are runs long over.
    if (this.lastSeen.size > 2_000) {
      const oldest = this.lastSeen.keys().next().value;
      if (oldest !== undefined) this.lastSeen.delete(oldest);
    }
    const announce = (kind: RunAnnouncement, event: AwayEvent) => {
      for (const outlet of this.deps.outlets) {
        const target = outlet.target();
        if (target === null || !this.wants(outlet, event)) continue;
        const text = runMessage(kind, run, this.deps.settings().away.panelUrl);
        this.enqueue(outlet.name, target, { text, event }, { approvalId: null, runId: run.id });
      }
    };
    const changedStatus = before?.status !== run.status;
    if (changedStatus && run.status === 'succeeded') announce('finished', 'finished');
    if (changedStatus && run.status === 'failed') announce('failed', 'failed');
    if (now.parked && !(before?.parked ?? false)) announce('parked', 'parked');
    if (!now.parked && before?.parked && run.status === 'running') announce('resumed', 'parked');
  }

  enqueue(
    channel: AwayChannelName,
    chat: string,
    payload: Record<string, unknown>,
    about: { approvalId: string | null; runId: string | null },
  ): void {
    const { store, clock } = this.deps;
    const outlet = this.deps.outlets.find((candidate) => candidate.name === channel);
    const quiet = outlet?.quietHours(this.deps.settings()) ?? null;
    const notBefore = quietUntil(clock(), quiet);
    store.away.enqueue({
      channel,
      kind: 'send',
      ...about,
      payload: { chat, ...payload },
      at: clock(),
      ...(notBefore !== null ? { notBefore } : {}),
    });
    this.deps.kick();
    this.deps.changed();
  }

  private wants(outlet: Outlet, event: AwayEvent): boolean {
    return outlet.events(this.deps.settings())[event];
  }
}

function panelLink(panelUrl: string, runId: string): string {
  return `${panelUrl.replace(/\/+$/, '')}/runs/${encodeURIComponent(runId)}`;
}
