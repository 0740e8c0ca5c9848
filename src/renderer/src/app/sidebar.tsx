// The navigation: the main places, with a live count of what needs the person's answer.
import { useConnectionState } from '../api/api-context';
import { usePendingApprovals } from '../hooks/pending-approvals';
import { Link, usePath } from '../router/router';

const PLACES = [
  { to: '/', label: 'Home', matches: (path: string) => path === '/' },
  { to: '/inbox', label: 'Inbox', matches: (path: string) => path.startsWith('/inbox') },
  // A run belongs to its task (the breadcrumbs read Tasks › task › run).
  {
    to: '/tasks',
    label: 'Tasks',
    matches: (path: string) => path.startsWith('/tasks') || path.startsWith('/runs/'),
  },
  { to: '/runs', label: 'Runs', matches: (path: string) => path === '/runs' },
  { to: '/search', label: 'Search', matches: (path: string) => path === '/search' },
  { to: '/costs', label: 'Costs', matches: (path: string) => path.startsWith('/costs') },
  { to: '/settings', label: 'Settings', matches: (path: string) => path.startsWith('/settings') },
];

export function Sidebar() {
  const path = usePath();
  const { needsYou: waiting } = usePendingApprovals();
  const connection = useConnectionState();
  return (
    <nav className="sidebar" aria-label="Main">
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        Switchboard
      </Link>
      <ul className="nav-list">
        {PLACES.map((place) => (
          <li key={place.to}>
            <Link
              to={place.to}
              className="nav-link"
              aria-current={place.matches(path) ? 'page' : undefined}
            >
              <span>{place.label}</span>
              {place.to === '/inbox' && waiting > 0 && (
                <span
                  className="nav-badge"
                  data-testid="inbox-badge"
                  aria-label={`${waiting} waiting for you`}
                >
                  {waiting}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
      <Link to="/tasks/new" className="button primary nav-new">
        New task
      </Link>
      {connection === 'reconnecting' && (
        <p className="connection-note" role="status">
          Connection lost; reconnecting…
        </p>
      )}
    </nav>
  );
}
