// Deny and "Always allow" with a way back. Once Claude hears a deny it acts on it, so a deny
// waits here for a few seconds (its toast offers Undo and "Deny now") before it is sent, and so
// does a plan's "Keep planning"; an always-allow is sent at once, its toast says exactly which
// rules it added, and its Undo takes those rules off the task. Other actions done at once (a
// discard of a run's changes, a merge, a task delete) offer their Undo in a toast too.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Approval } from '../../../shared/domain';
import { useApi } from '../api/api-context';
import { oneLine } from '../components/format';
import { toolSummary } from '../tools/input-fields';
import { isTypingTarget } from '../hooks/use-shortcut-keys';
import { focusItem } from './item-focus';
import { ToastStack, type Toast, type ToastClock } from './toast-stack';
import { describeRule } from '../../../shared/permission-rules';

/** How long a deny waits for Undo before it goes to the session. */
export const DENY_DELAY_MS = 6_000;
/** How long the other toasts stay (paused while pointed at or focused). */
const TOAST_MS = 8_000;
/** A delete, merge or discard toast stays longer: its Undo is the way back (it pauses while focused). */
const UNDO_TOAST_MS = 20_000;

interface DecisionUndo {
  /** Queues a deny: it reaches the session when its toast runs out, unless undone. */
  queueDeny(approval: Approval, message?: string): void;
  /** Says which rules a decided always-allow added to the task, with Undo. */
  alwaysAllowed(approval: Approval): void;
  /** Undoes a queued deny (the request is pending again). */
  undoDeny(approvalId: string): void;
  /** Ids of requests whose deny is queued: every list treats them as answered. */
  queuedDenials: ReadonlySet<string>;
  /** The clock of a queued deny, for a countdown where the request is shown. */
  denyClock(approvalId: string): ToastClock | undefined;
  /**
   * Says what a destructive action did (a task delete, a merge), with Undo; `undo` resolves with
   * what it restored, or fails with why it could not, and either is said in a new toast.
   */
  offerUndo: (text: string, undo: () => Promise<string>) => void;
}

const DecisionUndoContext = createContext<DecisionUndo>({
  queueDeny: () => undefined,
  alwaysAllowed: () => undefined,
  undoDeny: () => undefined,
  queuedDenials: new Set(),
  denyClock: () => undefined,
  offerUndo: () => undefined,
});

export function useDecisionUndo(): DecisionUndo {
  return useContext(DecisionUndoContext);
}

function subject(approval: Approval): string {
  const summary = toolSummary(approval.toolName, approval.input);
  return summary ? `${approval.toolName} (${oneLine(summary, 50)})` : approval.toolName;
}

interface Timer {
  handle: ReturnType<typeof setTimeout> | undefined;
  remaining: number;
  startedAt: number;
  fire: () => void;
}

export function DecisionUndoProvider(props: { children: ReactNode }) {
  const api = useApi();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<number, Timer>());
  const nextId = useRef(1);
  // The deny calls still waiting, by approval id, so a page close can send them at once.
  const waiting = useRef(new Map<string, { toastId: number; send: () => void; plan: boolean }>());
  // A toast's clock as shown: set when it starts, stopped and restarted by pause and resume.
  const setClock = useCallback((toastId: number, clock: ToastClock) => {
    setToasts((current) =>
      current.map((toast) =>
        toast.id === toastId && toast.countdown ? { ...toast, countdown: clock } : toast,
      ),
    );
  }, []);

  const remove = useCallback((toastId: number) => {
    const timer = timers.current.get(toastId);
    if (timer?.handle !== undefined) clearTimeout(timer.handle);
    timers.current.delete(toastId);
    setToasts((current) => current.filter((toast) => toast.id !== toastId));
  }, []);

  const start = useCallback((toastId: number, ms: number, fire: () => void) => {
    const timer: Timer = { handle: undefined, remaining: ms, startedAt: Date.now(), fire };
    timer.handle = setTimeout(fire, ms);
    timers.current.set(toastId, timer);
  }, []);

  const show = useCallback(
    (toast: Omit<Toast, 'id'>, ms: number, onExpire?: () => void) => {
      const id = nextId.current++;
      setToasts((current) => [...current, { ...toast, id }]);
      start(id, ms, () => {
        onExpire?.();
        remove(id);
      });
      return id;
    },
    [remove, start],
  );

  const note = useCallback(
    (text: string, tone: Toast['tone'] = 'info') => show({ text, tone }, TOAST_MS),
    [show],
  );

  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());
  const setQueuedId = useCallback((approvalId: string, on: boolean) => {
    setQueued((current) => {
      const next = new Set(current);
      if (on) next.add(approvalId);
      else next.delete(approvalId);
      return next;
    });
  }, []);

  const undoDeny = useCallback(
    (approvalId: string) => {
      const entry = waiting.current.get(approvalId);
      if (!entry) return;
      waiting.current.delete(approvalId);
      remove(entry.toastId);
      setQueuedId(approvalId, false);
      note(
        entry.plan
          ? 'Keep planning undone: the plan waits for you again.'
          : 'Deny undone: the request waits for you again.',
      );
      // The request's card comes back; give it the focus so the person can decide again.
      setTimeout(() => focusItem(approvalId), 0);
    },
    [note, remove, setQueuedId],
  );

  const finish = useCallback(
    (approvalId: string) => {
      const entry = waiting.current.get(approvalId);
      if (!entry) return;
      remove(entry.toastId);
      entry.send();
    },
    [remove],
  );

  const queueDeny = useCallback(
    (approval: Approval, message?: string) => {
      if (waiting.current.has(approval.id)) return;
      const send = () => {
        if (!waiting.current.delete(approval.id)) return;
        setQueuedId(approval.id, false);
        api
          .call('approvals.decide', {
            approvalId: approval.id,
            decision: 'deny',
            ...(message ? { message } : {}),
          })
          .catch((failure: unknown) => {
            const reason = failure instanceof Error ? failure.message : String(failure);
            note(`The deny of ${subject(approval)} did not go through: ${reason}`, 'error');
          });
      };
      const plan = approval.toolName === 'ExitPlanMode';
      const toastId = show(
        {
          text: plan
            ? `Keep planning in ${approval.taskTitle}: your feedback goes to Claude when the countdown ends, unless you undo.`
            : `Denying ${subject(approval)} in ${approval.taskTitle}: sent to Claude when the countdown ends, unless you undo.`,
          tone: 'info',
          countdown: { endsAt: Date.now() + DENY_DELAY_MS, leftMs: DENY_DELAY_MS },
          undo: () => undoDeny(approval.id),
          extra: { label: plan ? 'Send now' : 'Deny now', run: () => finish(approval.id) },
        },
        DENY_DELAY_MS,
        send,
      );
      waiting.current.set(approval.id, { toastId, send, plan });
      setQueuedId(approval.id, true);
    },
    [api, finish, note, show, undoDeny, setQueuedId],
  );

  const alwaysAllowed = useCallback(
    (approval: Approval) => {
      const rules = approval.alwaysRules;
      const what = rules.map(describeRule).join('; ');
      if (rules.length === 0) {
        note(`Allowed. The task's rules already covered this request in ${approval.taskTitle}.`);
        return;
      }
      const toastId = show(
        {
          text: `Always allowed in ${approval.taskTitle}: ${what}.`,
          tone: 'info',
          undo: () => {
            remove(toastId);
            void api
              .call('tasks.get', { taskId: approval.taskId })
              .then((task) =>
                api.call('tasks.update', {
                  taskId: task.id,
                  alwaysAllowedTools: task.alwaysAllowedTools.filter(
                    (rule) => !rules.includes(rule),
                  ),
                }),
              )
              .then(
                () =>
                  note(
                    `${what}: asked about again in ${approval.taskTitle}. What was already allowed stays allowed.`,
                  ),
                (failure: unknown) =>
                  note(
                    `Could not undo: ${failure instanceof Error ? failure.message : String(failure)}`,
                    'error',
                  ),
              );
          },
        },
        TOAST_MS,
      );
    },
    [api, note, remove, show],
  );

  const offerUndo = useCallback(
    (text: string, undo: () => Promise<string>) => {
      const toastId = show(
        {
          text,
          tone: 'info',
          undo: () => {
            remove(toastId);
            void undo().then(
              (done) => note(done),
              (failure: unknown) =>
                note(
                  `Could not undo: ${failure instanceof Error ? failure.message : String(failure)}`,
                  'error',
                ),
            );
          },
        },
        UNDO_TOAST_MS,
      );
    },
    [note, remove, show],
  );

  // Waiting denies are sent at once if the page goes away, rather than lost: the person meant them.
  useEffect(() => {
    const flush = () => {
      for (const entry of [...waiting.current.values()]) entry.send();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

  // Closing a toast lets it go now: a waiting deny is sent, anything else just leaves.
  const dismiss = useCallback(
    (toastId: number) => {
      const timer = timers.current.get(toastId);
      if (timer) timer.fire();
      else remove(toastId);
    },
    [remove],
  );

  // z (outside text fields) undoes the newest toast that can be undone.
  const latestToasts = useRef(toasts);
  useEffect(() => {
    latestToasts.current = toasts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || event.altKey || event.shiftKey) return;
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const undoable = latestToasts.current.filter((toast) => toast.undo).at(-1);
      if (!undoable?.undo) return;
      event.preventDefault();
      undoable.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pause = useCallback(
    (toastId: number) => {
      const timer = timers.current.get(toastId);
      if (!timer || timer.handle === undefined) return;
      clearTimeout(timer.handle);
      timer.handle = undefined;
      timer.remaining = Math.max(0, timer.remaining - (Date.now() - timer.startedAt));
      setClock(toastId, { endsAt: null, leftMs: timer.remaining });
    },
    [setClock],
  );
  const resume = useCallback(
    (toastId: number) => {
      const timer = timers.current.get(toastId);
      if (!timer || timer.handle !== undefined) return;
      timer.startedAt = Date.now();
      timer.handle = setTimeout(timer.fire, timer.remaining);
      setClock(toastId, { endsAt: timer.startedAt + timer.remaining, leftMs: timer.remaining });
    },
    [setClock],
  );

  const denyClock = useCallback(
    (approvalId: string) => {
      const toastId = waiting.current.get(approvalId)?.toastId;
      return toasts.find((toast) => toast.id === toastId)?.countdown;
    },
    [toasts],
  );
  const value = useMemo(
    () => ({ queueDeny, alwaysAllowed, undoDeny, queuedDenials: queued, denyClock, offerUndo }),
    [queueDeny, alwaysAllowed, undoDeny, queued, denyClock, offerUndo],
  );
  return (
    <DecisionUndoContext value={value}>
      {props.children}
      <ToastStack toasts={toasts} onDismiss={dismiss} onPause={pause} onResume={resume} />
    </DecisionUndoContext>
  );
}
