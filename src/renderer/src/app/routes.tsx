// Which view each path shows. Deep links work on reload: the server answers every panel path
// with the app, and this table picks the view.
import type { ReactNode } from 'react';
import { EmptyState } from '../components/empty-state';
import { Link, matchPath } from '../router/router';
import { CostsView } from '../views/costs/costs-view';
import { HomeView } from '../views/home/home-view';
import { InboxView } from '../views/inbox/inbox-view';
import { RunView } from '../views/run/run-view';
import { RunsView } from '../views/runs/runs-view';
import { SearchView } from '../views/search/search-view';
import { SettingsView } from '../views/settings/settings-view';
import { EditTaskView, NewTaskView } from '../views/tasks/task-edit-views';
import { TaskDetailView } from '../views/tasks/task-detail-view';
import { TaskListView } from '../views/tasks/task-list-view';

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
    if (params) return render(params);
  }
  return (
    <div className="page">
      <EmptyState title="Nothing here" action={<Link to="/">Go to Home</Link>}>
        There is no page at {path}.
      </EmptyState>
    </div>
  );
}
