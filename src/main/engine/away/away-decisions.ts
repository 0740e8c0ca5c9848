// A decision that came back from a channel (a Telegram button, an ntfy action): taken only when
// its single-use token is known, was issued for this channel and for where it came from (the
// paired chat, the current reply topic), is unspent, and its request is still pending. Otherwise
// it changes nothing and says why. Shared by every channel that takes decisions.
import type { MethodParams } from '../../../shared/contract';
import type { Approval } from '../../../shared/domain';
import type { Store } from '../store';
import { decodeAction, PLAN_TOOL, type AwayAction } from './telegram-messages';

export interface DecisionOutcome {
  ok: boolean;
  approvalId: string | null;
  detail: string;
}

export function decideFromToken(
  deps: {
    store: Store;
    clock: () => number;
    decide: (params: MethodParams<'approvals.decide'>) => Approval;
  },
  from: {
    channel: string;
    /** The chat or topic it came from. */
    source: string;
    /** The chat or topic that may decide now; null: none (revoked). */
    current: string | null;
    /** What the person sent: `sb:<token>:<action>`, or a reply already tied to its token. */
    data: string | { token: string; action: AwayAction };
  },
): DecisionOutcome {
  const { store, clock } = deps;
  const parsed = typeof from.data === 'string' ? decodeAction(from.data.trim()) : from.data;
  if (!parsed) return { ok: false, approvalId: null, detail: 'not a Switchboard button.' };
  const token = store.away.token(parsed.token);
  if (!token || token.channel !== from.channel) {
    return { ok: false, approvalId: null, detail: 'this button is unknown.' };
  }
  const approvalId = token.approvalId;
  if (from.source !== from.current || from.source !== token.chat) {
    return { ok: false, approvalId, detail: `this ${noun(from.channel)} is not the paired one.` };
  }
  const approval = store.approvals.get(approvalId);
  if (!approval || approval.status !== 'pending') {
    return {
      ok: false,
      approvalId,
      detail: `this request was already ${approval?.status ?? 'removed'}.`,
    };
  }
  if (token.usedAt !== null || !store.away.useToken(token.token, clock())) {
    return { ok: false, approvalId, detail: 'this request was already answered from the phone.' };
  }
  const params = decisionOf(approval, parsed.action);
  if (typeof params === 'string' || !params) {
    store.away.unuseToken(token.token);
    return {
      ok: false,
      approvalId,
      detail: params ?? 'that choice is not offered for this request.',
    };
  }
  try {
    deps.decide(params);
  } catch (error) {
    store.away.unuseToken(token.token);
    return {
      ok: false,
      approvalId,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  return { ok: true, approvalId, detail: doneWords(approval, parsed.action) };
}

function noun(channel: string): string {
  return channel === 'ntfy' ? 'topic' : 'chat';
}

/** The decision an action makes; a string says why a reply cannot be taken; null: not offered. */
function decisionOf(
  approval: Approval,
  action: AwayAction,
): MethodParams<'approvals.decide'> | string | null {
  const base = { approvalId: approval.id };
  const isPlan = approval.toolName === PLAN_TOOL;
  switch (action.kind) {
    case 'allow':
      return approval.kind === 'tool' && !isPlan ? { ...base, decision: 'allow' } : null;
    case 'deny':
      return approval.kind === 'tool' && !isPlan ? { ...base, decision: 'deny' } : null;
    case 'always': {
      const choice = approval.kind === 'tool' ? approval.alwaysChoices[action.choice] : undefined;
      return choice
        ? { ...base, decision: 'allow', always: true, alwaysScope: choice.scope }
        : null;
    }
    case 'option': {
      const question = approval.questions?.length === 1 ? approval.questions[0] : undefined;
      const option = question?.options[action.option];
      return question && option
        ? { ...base, decision: 'allow', answers: { [question.question]: option.label } }
        : null;
    }
    case 'approvePlan':
      return isPlan ? { ...base, decision: 'allow' } : null;
    case 'keepPlanning':
      return isPlan
        ? { ...base, decision: 'deny', message: 'Keep planning; the plan is not ready yet.' }
        : null;
    case 'reply': {
      const answers = replyAnswers(approval, action.text);
      return typeof answers === 'string' ? answers : { ...base, decision: 'allow', answers };
    }
  }
}

/**
 * A reply's answers: one line per question, in order (a single question takes the whole text).
 * A line that is an option's number (or numbers, for a multiple-choice one) picks those options;
 * anything else is the person's own words, as the panel's own-answer box.
 */
export function replyAnswers(approval: Approval, text: string): Record<string, string> | string {
  const questions = approval.kind === 'question' ? (approval.questions ?? []) : [];
  if (questions.length === 0) return 'this request takes no written answer.';
  const lines =
    questions.length === 1
      ? [text.trim()]
      : text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '');
  if (lines.length !== questions.length || lines.some((line) => line === '')) {
    return `answer each of the ${questions.length} questions on its own line, in order.`;
  }
  const answers: Record<string, string> = {};
  questions.forEach((question, index) => {
    const line = lines[index] ?? '';
    const numbers = /^\d+(\s*,\s*\d+)*$/.test(line)
      ? line.split(',').map((part) => Number(part.trim()))
      : null;
    const labels = numbers?.map((n) => question.options[n - 1]?.label);
    const picked =
      labels &&
      labels.every((label) => label !== undefined) &&
      (question.multiSelect || labels.length === 1)
        ? labels.join(', ')
        : line;
    answers[question.question] = picked;
  });
  return answers;
}

function doneWords(approval: Approval, action: AwayAction): string {
  switch (action.kind) {
    case 'allow':
      return 'Allowed.';
    case 'deny':
      return 'Denied.';
    case 'always':
      return 'Always allowed.';
    case 'option':
    case 'reply':
      return 'Answered.';
    case 'approvePlan':
      return 'Plan approved.';
    case 'keepPlanning':
      return `Keep planning sent to ${approval.taskTitle}.`;
  }
}
