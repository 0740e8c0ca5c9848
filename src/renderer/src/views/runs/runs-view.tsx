// /runs: every run, newest first, a page at a time, with filters (status, task, trigger, dates),
// a search in prompts and results, whole-row clicks and j/k/Enter to move and open.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { navigate, useLocation } from '../../router/router';
import { isOnControl, useShortcutKeys } from '../../hooks/use-shortcut-keys';
import { RunsFilters } from './runs-filters';
import {
  filterPath,
  isFiltered,
  PAGE_SIZE,
  parseFilter,
  toQuery,
  type RunsFilter,
} from './runs-filter';
import { RunsTable } from './runs-table';

export function RunsView() {
  const api = useApi();
  const location = useLocation();
  const filter = parseFilter(location.slice(location.indexOf('?') + 1 || location.length));
  const query = toQuery(filter);
  const queryKey = JSON.stringify(query);
  const page = useApiData(
    () => api.call('runs.query', query),
    [api, queryKey],
    (event) => event.type === 'run.updated',
  );
  const tasks = useApiData(() => api.call('tasks.list', {}), [api]);
  const places = useApiData(() => api.call('places.list', {}), [api]);
  const [selected, setSelected] = useState(0);
  const runs = page.data?.runs ?? [];

  const change = (patch: Partial<RunsFilter>) => {
    setSelected(0);
    navigate(filterPath({ ...filter, page: 1, ...patch }), { replace: true });
  };
  const goToPage = (number: number) => {
    setSelected(0);
    navigate(filterPath({ ...filter, page: number }));
  };

  useListKeys({
    move: (delta) =>
      setSelected((current) => Math.max(0, Math.min(runs.length - 1, current + delta))),
    open: () => {
      const run = runs[selected];
      if (run) navigate(`/runs/${run.id}`);
    },
  });

  const total = page.data?.total ?? 0;
  // From the answer, not the address: until the next page arrives the rows are the last page's.
  const offset = page.data?.offset ?? 0;
  const first = total === 0 ? 0 : offset + 1;
  const last = offset + runs.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="page runs-page">
      <div className="page-head">
        <h1>Runs</h1>
      </div>
      <RunsFilters
        filter={filter}
        tasks={tasks.data ?? []}
        places={places.data ?? []}
        onChange={change}
      />
      <ErrorNote error={page.error} onRetry={page.reload} />
      {page.data && (
        <>
          <p className="runs-count" role="status" data-testid="runs-count">
            {total === 0
              ? isFiltered(filter)
                ? 'No runs match these filters.'
                : 'No runs yet.'
              : `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')} runs`}
          </p>
          {runs.length > 0 && <RunsTable runs={runs} selected={selected} onSelect={setSelected} />}
          {pages > 1 && (
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                className="button"
                disabled={filter.page <= 1}
                onClick={() => goToPage(filter.page - 1)}
              >
                ← Newer
              </button>
              <span>
                Page {filter.page} of {pages}
              </span>
              <button
                type="button"
                className="button"
                disabled={filter.page >= pages}
                onClick={() => goToPage(filter.page + 1)}
              >
                Older →
              </button>
            </nav>
          )}
        </>
      )}
      {!page.data && !page.error && <p className="loading">Loading runs…</p>}
    </div>
  );
}

function useListKeys(actions: { move: (delta: number) => void; open: () => void }): void {
  useShortcutKeys((event) => ({
    j: () => actions.move(1),
    k: () => actions.move(-1),
    Enter: isOnControl(event, ['BUTTON', 'A']) ? undefined : actions.open,
  }));
}
