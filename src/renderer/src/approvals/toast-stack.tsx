// The toasts at the bottom of the window: announced politely to screen readers, reachable with
// Tab (they follow the page in order) and undone with z. A toast's clock stops while it is
// pointed at or holds the focus, so nobody has to race it. A toast with a countdown (a deny on
// hold) shows the seconds left, standing still while its clock is stopped.
import { useNow } from '../hooks/use-now';

/** A toast's clock: running towards `endsAt`, or stopped with `leftMs` to go. */
export interface ToastClock {
  endsAt: number | null;
  leftMs: number;
}

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  undo?: () => void;
  extra?: { label: string; run: () => void };
  /** Shown as "N s left" (a deny on hold). */
  countdown?: ToastClock;
}

export function clockLeftMs(clock: ToastClock, now: number): number {
  return clock.endsAt === null ? clock.leftMs : Math.max(0, clock.endsAt - now);
}

/** Seconds left on a clock, ticking while it runs (aria-hidden: a live region must not count). */
export function Countdown(props: { clock: ToastClock; suffix?: string }) {
  const now = useNow(250, props.clock.endsAt !== null);
  const seconds = Math.ceil(clockLeftMs(props.clock, now) / 1000);
  return (
    <span className="countdown" data-testid="countdown" aria-hidden="true">
      {seconds} s{props.suffix ?? ''}
    </span>
  );
}

export function ToastStack(props: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
  onPause: (id: number) => void;
  onResume: (id: number) => void;
}) {
  return (
    <section className="toast-stack" aria-label="Notifications">
      <div role="status" aria-live="polite" aria-atomic="false">
        {props.toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.tone}`}
            data-testid="toast"
            onMouseEnter={() => props.onPause(toast.id)}
            onMouseLeave={() => props.onResume(toast.id)}
            onFocus={() => props.onPause(toast.id)}
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget)) props.onResume(toast.id);
            }}
          >
            <div className="toast-body">
              <p className="toast-text">{toast.text}</p>
              {toast.countdown && (
                <p className="toast-countdown">
                  <Countdown clock={toast.countdown} suffix=" left" />
                  <span aria-hidden="true">
                    {toast.countdown.endsAt === null ? ' · stopped while you look' : ''}
                  </span>
                </p>
              )}
            </div>
            <div className="toast-actions">
              {toast.undo && (
                <button
                  type="button"
                  className="button small primary"
                  aria-keyshortcuts="z"
                  onClick={toast.undo}
                >
                  Undo <kbd aria-hidden="true">z</kbd>
                </button>
              )}
              {toast.extra && (
                <button type="button" className="button small" onClick={toast.extra.run}>
                  {toast.extra.label}
                </button>
              )}
              {/* A waiting deny closes through "Deny now" or Undo, never silently. */}
              {!toast.extra && (
                <button
                  type="button"
                  className="button small ghost toast-close"
                  aria-label="Close"
                  title="Close"
                  onClick={() => props.onDismiss(toast.id)}
                >
                  ×
                </button>
              )}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
