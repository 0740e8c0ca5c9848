// What a Telegram message says and which buttons it carries: a request, question or plan waiting
// for the person, the same message once decided, and a run's announcements. Text comes from the
// stored (already redacted) request; file contents are never sent, only paths.
import type { Approval, Run } from '../../../shared/domain';
import type { InlineKeyboard } from './telegram-api';

export const PLAN_TOOL = 'ExitPlanMode';
const MAX_SHOWN = 600;
/** "Always allow" choices offered as buttons (the panel offers at most this many too). */
const MAX_ALWAYS = 4;

/** What a button asks for; sent as `sb:<token>:<action>` in callback_data (64 bytes at most). */
export type ButtonAction =
  | { kind: 'allow' }
  | { kind: 'deny' }
  | { kind: 'always'; choice: number }
  | { kind: 'option'; option: number }
  | { kind: 'approvePlan' }
  | { kind: 'keepPlanning' };

/** A decision that came as text: a reply to a question's message. */
export type AwayAction = ButtonAction | { kind: 'reply'; text: string };

export function encodeAction(token: string, action: ButtonAction): string {
  const code =
    action.kind === 'allow'
      ? 'a'
      : action.kind === 'deny'
        ? 'd'
        : action.kind === 'always'
          ? `A${action.choice}`
          : action.kind === 'option'
            ? `o${action.option}`
            : action.kind === 'approvePlan'
              ? 'p'
              : 'k';
  return `sb:${token}:${code}`;
}

export function decodeAction(data: string): { token: string; action: ButtonAction } | null {
  const match = /^sb:([A-Za-z0-9_-]{10,40}):(a|d|p|k|A\d{1,2}|o\d{1,2})$/.exec(data);
  if (!match) return null;
  const [, token = '', code = ''] = match;
  const index = Number(code.slice(1));
  const action: ButtonAction =
    code === 'a'
      ? { kind: 'allow' }
      : code === 'd'
        ? { kind: 'deny' }
        : code === 'p'
          ? { kind: 'approvePlan' }
          : code === 'k'
            ? { kind: 'keepPlanning' }
            : code.startsWith('A')
              ? { kind: 'always', choice: index }
              : { kind: 'option', option: index };
  return { token, action };
}

/** The message for a request waiting for the person, with its buttons. */
export function requestMessage(
  approval: Approval,
  options: {
    token: string;
    panelUrl: string | null;
    /** Whether the channel reads a written reply (Telegram does, ntfy cannot). */
    replies: boolean;
  },
): { text: string; keyboard: InlineKeyboard } {
  const button = (text: string, action: ButtonAction) => ({
    text,
    callback_data: encodeAction(options.token, action),
  });
  const open = options.panelUrl
    ? [[{ text: 'Open in Switchboard', url: panelLink(options.panelUrl, approval.runId) }]]
    : [];
  const head = approval.taskTitle;
  if (approval.kind === 'question') {
    const questions = approval.questions ?? [];
    const only = questions.length === 1 ? questions[0] : undefined;
    if (!options.replies && (!only || only.multiSelect || only.options.length === 0)) {
      const asked = questions.map((q) => `❓ ${clip(q.question)}`);
      return { text: [head, ...asked, 'Answer it in Switchboard.'].join('\n\n'), keyboard: open };
    }
    if (!only || only.multiSelect || only.options.length === 0) {
      // Several parts, or several choices: one reply, a line per question, in order.
      const listed = questions.map((q, index) => {
        const options = q.options.map((option, n) => `${n + 1}) ${clip(option.label, 60)}`);
        const number = questions.length > 1 ? `${index + 1}. ` : '';
        const many = q.multiSelect ? ' (one or more, e.g. 1,3)' : '';
        return `❓ ${number}${clip(q.question)}${many}${options.length ? `\n${options.join('\n')}` : ''}`;
      });
      const how =
        questions.length > 1
          ? 'Reply to this message with one answer per line, in order: an option’s number or your own words.'
          : 'Reply to this message with an option’s number or your own words.';
      return { text: [head, ...listed, how].join('\n\n'), keyboard: open };
    }
    const text = [
      head,
      `❓ ${clip(only.question)}`,
      ...(options.replies ? ['Or reply to this message with your own answer.'] : []),
    ].join('\n\n');
    return {
      text,
      keyboard: [
        ...only.options
          .slice(0, 10)
          .map((option, index) => [
            button(clip(option.label, 60), { kind: 'option', option: index }),
          ]),
        ...open,
      ],
    };
  }
  if (approval.toolName === PLAN_TOOL) {
    const plan = typeof approval.input.plan === 'string' ? approval.input.plan : '';
    return {
      text: `${head}\n\n📋 Plan ready for review:\n${clip(plan, 1500)}`,
      keyboard: [
        [
          button('Approve', { kind: 'approvePlan' }),
          button('Keep planning', { kind: 'keepPlanning' }),
        ],
        ...open,
      ],
    };
  }
  if (approval.kind !== 'tool') {
    return {
      text: `${head}\n\n${describe(approval)}\n\nDecide it in Switchboard.`,
      keyboard: open,
    };
  }
  // The same choices the panel offers, narrowest first; a wide one's warning is said in the
  // message itself, before its button can be pressed.
  const always = approval.alwaysChoices.slice(0, MAX_ALWAYS);
  const warnings = always
    .filter((choice) => choice.warning !== null)
    .map(
      (choice) => `⚠ Always allow: ${clip(choice.label, 80)} — ${clip(choice.warning ?? '', 200)}`,
    );
  return {
    text: [`${head}\n\n${describe(approval)}`, ...warnings].join('\n\n'),
    keyboard: [
      [button('Allow', { kind: 'allow' }), button('Deny', { kind: 'deny' })],
      ...always.map((choice, index) => [
        button(clip(`Always allow: ${choice.label}`, 60), { kind: 'always', choice: index }),
      ]),
      ...open,
    ],
  };
}

/** The same message once decided: no buttons, who decided where, and when. */
export function decidedMessage(
  approval: Approval,
  decided: { fromPhone: boolean; at: number },
): string {
  const verb =
    approval.status === 'allowed'
      ? approval.kind === 'question'
        ? 'Answered'
        : approval.toolName === PLAN_TOOL
          ? 'Plan approved'
          : approval.always
            ? 'Always allowed'
            : 'Allowed'
      : approval.status === 'denied'
        ? approval.toolName === PLAN_TOOL
          ? 'Kept planning'
          : 'Denied'
        : 'Cancelled';
  const where = decided.fromPhone ? 'from phone' : 'in Switchboard';
  const answer =
    approval.kind === 'question' && approval.answers
      ? `\n${Object.values(approval.answers)
          .map((value) => `→ ${clip(value, 100)}`)
          .join('\n')}`
      : '';
  return `${approval.taskTitle}\n\n${describe(approval)}\n\n✔ ${verb} ${where} at ${clockTime(decided.at)}${answer}`;
}

export type RunAnnouncement = 'finished' | 'failed' | 'parked' | 'resumed';

export function runMessage(kind: RunAnnouncement, run: Run, panelUrl: string | null): string {
  const link = panelUrl ? `\n${panelLink(panelUrl, run.id)}` : '';
  const title = run.taskTitle;
  switch (kind) {
    case 'finished':
      return `✅ ${title}: finished.${run.result ? `\n${clip(run.result, 300)}` : ''}${link}`;
    case 'failed':
      return `❌ ${title}: failed.${run.error ? `\n${clip(run.error, 300)}` : ''}${link}`;
    case 'parked':
      return `⏸ ${title}: parked at the plan limit${run.parkedUntil ? ` until ${clockTime(run.parkedUntil)}` : ''}; it carries on by itself.${link}`;
    case 'resumed':
      return `▶ ${title}: resumed after the plan limit.${link}`;
  }
}

/** A budget reached (runs held back or stopped in flight): said once, for all of them. */
export function budgetMessage(reason: string, panelUrl: string | null): string {
  return `💰 ${clip(reason, 400)}${panelUrl ? `\n${panelUrl.replace(/\/+$/, '')}` : ''}`;
}

/** A request in a few words: the command (redacted as stored), a path, or the tool's name. */
function describe(approval: Approval): string {
  const input = approval.input;
  if (approval.kind === 'question') {
    return (approval.questions ?? []).map((q) => `❓ ${clip(q.question)}`).join('\n');
  }
  if (approval.kind === 'folder_trust') return 'Trust this folder’s own Claude Code settings?';
  if (approval.kind === 'secret') {
    const name = typeof input.name === 'string' ? input.name : 'a secret';
    const why = typeof input.why === 'string' ? `: ${clip(input.why, 300)}` : '';
    // A value never goes through a chat: it is given in Switchboard (no buttons for it here).
    return `🔑 Asks for the secret ${name}${why}`;
  }
  if (approval.toolName === PLAN_TOOL) return '📋 Plan';
  if (typeof input.command === 'string') return `${approval.toolName}: ${clip(input.command)}`;
  const path = input.file_path ?? input.notebook_path ?? input.path;
  if (typeof path === 'string') return `${approval.toolName}: ${clip(path, 300)}`;
  if (typeof input.url === 'string') return `${approval.toolName}: ${clip(input.url, 300)}`;
  return approval.toolName;
}

function clip(text: string, max = MAX_SHOWN): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Local wall-clock time, HH:MM. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function panelLink(panelUrl: string, runId: string): string {
  return `${panelUrl.replace(/\/+$/, '')}/runs/${encodeURIComponent(runId)}`;
}
