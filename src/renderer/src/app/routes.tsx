// Which view each path shows. Deep links work on reload: the server answers every panel path
// with the app, and this table picks the view. Home comes with the first load; every other view
// is its own chunk, loaded when first opened (the run view's transcript, diff and highlighting
// are most of the panel's code), so the first screen loads a fraction of it.
import { lazy, Suspense, type ReactNode } from 'react';
import { EmptyState } from '../components/empty-state';
import { Link, matchPath } from '../router/router';
import { HomeView } from '../views/home/home-view';

const CostsView = lazy(async () => ({
  default: (await import('../views/costs/costs-view')).CostsView,
}));
const InboxView = lazy(async () => ({
  default: (await import('../views/inbox/inbox-view')).InboxView,
}));
const RunView = lazy(async () => ({ default: (await import('../views/run/run-view')).RunView }));
const RunsView = lazy(async () => ({
  default: (await import('../views/runs/runs-view')).RunsView,
}));
const SettingsView = lazy(async () => ({
  default: (await import('../views/settings/settings-view')).SettingsView,
}));
const NewTaskView = lazy(async () => ({
  default: (await import('../views/tasks/task-edit-views')).NewTaskView,
}));
const EditTaskView = lazy(async () => ({
  default: (await import('../views/tasks/task-edit-views')).EditTaskView,
}));
const TaskDetailView = lazy(async () => ({
  default: (await import('../views/tasks/task-detail-view')).TaskDetailView,
}));
const TaskListView = lazy(async () => ({
  default: (await import('../views/tasks/task-list-view')).TaskListView,
}));
const SearchView = lazy(async () => ({
  default: (await import('../views/search/search-view')).SearchView,
}));

type Route = [pattern: string, render: (params: Record<string, string>) => ReactNode];

const ROUTES: Route[] = [
  ['/', () => <HomeView />],
  ['/inbox', () => <InboxView />],
  ['/tasks', () => <TaskListView />],
  ['/tasks/new', () => <NewTaskView />],
  ['/tasks/:taskId', (p) => <TaskDetailView key={p.taskId} taskId={p.taskId ?? ''} />],
  ['/tasks/:taskId/edit', (p) => <EditTaskView key={p.taskId} taskId={p.taskId ?? ''} />],
  ['/runs', () => <RunsView />],
  ['/runs/:runId', (p) => <RunView key={p.runId} runId={p.runId ?? ''} />],
  ['/search', () => <SearchView />],
  ['/costs', () => <CostsView />],
  ['/settings', () => <SettingsView />],
];

export function renderRoute(path: string): ReactNode {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    // A view's chunk loads in well under a second from the local server: nothing to show meanwhile.
    // One boundary per route (the key): another page starts afresh, as it did before the split,
    // instead of a view living on while the next one's chunk loads.
    if (params) {
      return (
        <Suspense key={pattern} fallback={null}>
          {render(params)}
        </Suspense>
      );
    }
  }
  return (
    <div className="page">
      <EmptyState title="Nothing here" action={<Link to="/">Go to Home</Link>}>
        There is no page at {path}.
      </EmptyState>
    </div>
  );
}
