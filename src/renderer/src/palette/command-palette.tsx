// The command palette (Ctrl/Cmd+K): type to find a place, a task (open or run it), a run, a
// pending request (allow or deny it), or a command (stop a run, pause triggers, approve a review,
// switch the theme); arrows move, Enter does it, Escape closes. A request that has
// only just arrived is not decided by Enter for a moment (arrival): it may have slid under the
// choice the person was about to make.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Run, RunReview, Settings, Task } from '../../../shared/domain';
import { useApi, useDesktop } from '../api/api-context';
import { justArrived, useNoteShown } from '../approvals/arrival';
import { useDecisionUndo } from '../approvals/decision-undo';
import { applyTheme } from '../app/theme';
import { ErrorNote } from '../components/error-note';
import { usePendingApprovals } from '../hooks/pending-approvals';
import { useNow } from '../hooks/use-now';
import { matchPath, navigate, usePath } from '../router/router';
import { exportRun } from '../views/run/run-export';
import { paletteItems, type PaletteItem } from './palette-items';
import { filterItems } from './palette-filter';

const RECENT_RUNS = 100;
const SEARCH_PAUSE_MS = 200;

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen((current) => !current);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <PaletteDialog onClose={() => setOpen(false)} /> : null;
}

function PaletteDialog(props: { onClose: () => void }) {
  const api = useApi();
  const { approvals, reviews } = usePendingApprovals();
  const undo = useDecisionUndo();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [runs, setRuns] = useState<Run[]>([]);
  const [searched, setSearched] = useState<Run[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const desktop = useDesktop();
  const shownRun = useShownRun();
  // Run times read from when the palette opened: it lives for seconds.
  const [openedAt] = useState(() => Date.now());
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    input.current?.focus();
    const back = returnFocus.current;
    void api.call('tasks.list', {}).then(setTasks, setError);
    void api.call('settings.get', {}).then(setSettings, setError);
    void api
      .call('runs.query', { limit: RECENT_RUNS })
      .then((page) => setRuns(page.runs), setError);
    return () => {
      if (back instanceof HTMLElement) back.focus();
    };
  }, [api]);

  useEffect(() => {
    const text = query.trim();
    if (!text) return;
    const timer = setTimeout(() => {
      void api
        .call('runs.query', { search: text, limit: 20 })
        .then((page) => setSearched(page.runs), setError);
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [api, query]);

  useNoteShown(approvals.map((approval) => approval.id));
  const now = useNow(250, (shown) => approvals.some((approval) => justArrived(approval.id, shown)));
  const fresh = (item: PaletteItem) =>
    item.action.type === 'decide' && justArrived(item.action.approvalId, now);
  const items = useMemo(() => {
    const all = paletteItems({
      approvals,
      tasks,
      runs: [...searched, ...runs],
      reviews,
      settings,
      query,
      shownRun,
      now: openedAt,
    });
    return filterItems(all, query, new Set(searched.map((run) => run.id)));
  }, [approvals, tasks, runs, reviews, settings, searched, query, shownRun, openedAt]);
  const current = Math.min(active, Math.max(0, items.length - 1));

  useEffect(() => {
    document.getElementById(`palette-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const perform = async (item: PaletteItem) => {
    const { action } = item;
    if (action.type === 'decide' && justArrived(action.approvalId)) return;
    try {
      if (action.type === 'go') {
        props.onClose();
        navigate(action.path);
      } else if (action.type === 'export') {
        props.onClose();
        await exportRun({ api, desktop }, action.run, action.scope, action.format);
      } else if (action.type === 'open-folder') {
        await api.call('runs.openFolder', { runId: action.run.id, app: action.app });
        props.onClose();
      } else if (action.type === 'run-task') {
        const run = await api.call('tasks.run', { taskId: action.taskId, trigger: 'manual' });
        props.onClose();
        navigate(`/runs/${run.id}`);
      } else if (action.type === 'stop') {
        await api.call('runs.cancel', { runId: action.runId });
        props.onClose();
      } else if (action.type === 'settings') {
        const saved = await api.call('settings.update', action.patch);
        applyTheme(saved.appearance.theme);
        props.onClose();
      } else if (action.type === 'approve') {
        await approveReview(action.review);
        props.onClose();
      } else if (action.decision === 'deny') {
        // A deny waits for its Undo, like everywhere else.
        const approval = approvals.find((a) => a.id === action.approvalId);
        if (approval) undo.queueDeny(approval);
        props.onClose();
      } else {
        await api.call('approvals.decide', {
          approvalId: action.approvalId,
          decision: action.decision,
        });
        props.onClose();
      }
    } catch (failure) {
      setError(failure);
    }
  };

  // As the review bar does it: a merge offers its Undo in a toast.
  const approveReview = async (review: RunReview) => {
    await api.call('runs.review', { runId: review.runId, decision: 'approve' });
    if (review.mode !== 'worktree') return;
    const merged = (await api.call('reviews.list', { runId: review.runId }))[0];
    if (merged?.mergeUndoable) {
      undo.offerUndo(merged.message ?? 'Merged.', async () => {
        await api.call('runs.undoMerge', { runId: review.runId });
        return 'Merge undone: the branch, your checkout and the run’s worktree are as they were.';
      });
    }
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive(Math.min(items.length - 1, current + 1));
    else if (event.key === 'ArrowUp') setActive(Math.max(0, current - 1));
    else if (event.key === 'Escape') props.onClose();
    else if (event.key === 'Enter') {
      const item = items[current];
      if (item) void perform(item);
    } else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={props.onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items.length > 0 ? `palette-${current}` : undefined}
          aria-label="Find a task, run or action"
          placeholder="Find a task, run or action…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
        />
        <ErrorNote error={error} />
        <ul id="palette-list" className="palette-list" role="listbox" aria-label="Results">
          {items.length === 0 && <li className="palette-empty">Nothing matches.</li>}
          {items.map((item, index) => (
            <li
              key={item.id}
              id={`palette-${index}`}
              role="option"
              aria-selected={index === current}
              className={index === current ? 'palette-item active' : 'palette-item'}
              onMouseMove={() => setActive(index)}
              onClick={() => void perform(item)}
            >
              <span className="palette-group">{item.group}</span>
              <span className="palette-label">{item.label}</span>
              {item.detail && <span className="palette-detail">{item.detail}</span>}
              {fresh(item) && (
                <span className="arrival-cue" data-testid="arrival-cue" data-just-arrived>
                  just arrived
                </span>
              )}
            </li>
          ))}
        </ul>
        <p className="palette-help">
          <kbd>↑</kbd>/<kbd>↓</kbd> choose · <kbd>Enter</kbd> do it · <kbd>Esc</kbd> close
        </p>
      </div>
    </div>
  );
}

/** The run the page behind the palette shows, if any (its Export commands are offered). */
function useShownRun(): Run | null {
  const api = useApi();
  const path = usePath();
  const runId = matchPath('/runs/:runId', path)?.['runId'] ?? null;
  const [run, setRun] = useState<Run | null>(null);
  useEffect(() => {
    if (runId === null) return;
    let live = true;
    api.call('runs.get', { runId }).then(
      (found) => live && setRun(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, runId]);
  return runId !== null && run?.id === runId ? run : null;
}
