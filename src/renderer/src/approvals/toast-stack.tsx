// The toasts at the bottom of the window: announced politely to screen readers, reachable with
// Tab (they follow the page in order) and undone with z. A toast's clock stops while it is
// pointed at or holds the focus, so nobody has to race it.
export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  undo?: () => void;
  extra?: { label: string; run: () => void };
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
            <p className="toast-text">{toast.text}</p>
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
