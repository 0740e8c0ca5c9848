// The panel's frame: the sidebar and the current view, the drop target in the desktop app, and
// navigation requests from the desktop shell. /quick (the tray window) shows its form alone.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useDesktop } from '../api/api-context';
import { DecisionUndoProvider } from '../approvals/decision-undo';
import { PendingApprovalsProvider, usePendingApprovals } from '../hooks/pending-approvals';
import { CommandPalette } from '../palette/command-palette';
import { navigate, takeFocusHint, usePath } from '../router/router';
import { useFileDrop } from '../views/drop/use-file-drop';
import { EngineBanner } from './engine-banner';
import { renderRoute } from './routes';
import { Sidebar } from './sidebar';
import { useTheme } from './theme';

// Shown only in the tray's window or after a drop: loaded when first needed (see routes.tsx).
const QuickView = lazy(async () => ({
  default: (await import('../views/quick/quick-view')).QuickView,
}));
const DropDialog = lazy(async () => ({
  default: (await import('../views/drop/drop-dialog')).DropDialog,
}));

export function App() {
  const path = usePath();
  const desktop = useDesktop();
  const drop = useFileDrop(desktop);
  useTheme();

  useEffect(() => desktop?.onNavigate((target) => navigate(target)), [desktop]);
  useFocusOnNavigation(path);

  return (
    <DecisionUndoProvider>
      <PendingApprovalsProvider>
        <WindowTitle />
        <EngineBanner />
        {path === '/quick' ? (
          <Suspense fallback={null}>
            <QuickView />
          </Suspense>
        ) : (
          <div className="shell">
            <a
              href="#content"
              className="skip-link"
              onClick={(event) => {
                // The address stays a route; focus (not only the scroll) moves to the page.
                event.preventDefault();
                document.getElementById('content')?.focus();
              }}
            >
              Skip to content
            </a>
            <Sidebar />
            <main className="content" id="content" tabIndex={-1}>
              {renderRoute(path)}
            </main>
          </div>
        )}
        {drop.dragging && (
          <div className="drop-overlay" aria-hidden="true">
            Drop files or a folder to start a run
          </div>
        )}
        {drop.dropped && (
          <Suspense fallback={null}>
            <DropDialog dropped={drop.dropped} onClose={drop.clear} />
          </Suspense>
        )}
        {path !== '/quick' && <CommandPalette />}
      </PendingApprovalsProvider>
    </DecisionUndoProvider>
  );
}

/** After moving to another page, focus starts at the page (not on the link that led there), or
 *  on what the navigation asked for (Cancel on Edit task goes back to the Edit button) once the
 *  page shows it. */
function useFocusOnNavigation(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('content')?.focus({ preventScroll: true });
    const hint = takeFocusHint();
    if (hint === null) return;
    const focusTarget = () => {
      const target = document.querySelector<HTMLElement>(hint);
      target?.focus();
      return target !== null;
    };
    if (focusTarget()) return;
    // The page may still be loading its data.
    const observer = new MutationObserver(() => {
      if (focusTarget()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), 5_000);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [path]);
}

function WindowTitle() {
  const { approvals } = usePendingApprovals();
  useEffect(() => {
    document.title = approvals.length > 0 ? `(${approvals.length}) Switchboard` : 'Switchboard';
  }, [approvals.length]);
  return null;
}
