// A tiny history (pushState) router: the current path as external state, navigate(), and a Link
// that keeps ordinary clicks inside the app while modified clicks open tabs as usual. A view with
// unsaved changes can hold a route change until the person says to leave (setLeaveGuard).
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Asked before the route changes; resolves true to leave. */
type LeaveGuard = (to: string) => Promise<boolean>;
let leaveGuard: LeaveGuard | null = null;
let shownLocation = window.location.pathname + window.location.search;

/** Holds route changes for `guard`; returns the release. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** Runs `go` now, or once the guard (if any) lets the page go. */
function whenAllowed(to: string, go: () => void): void {
  const guard = leaveGuard;
  if (guard === null) {
    go();
    return;
  }
  void guard(to).then((leave) => {
    if (!leave) return;
    if (leaveGuard === guard) leaveGuard = null;
    go();
  });
}

window.addEventListener('popstate', () => {
  const to = window.location.pathname + window.location.search;
  if (leaveGuard === null) {
    shownLocation = to;
    notify();
    return;
  }
  // Back/Forward already moved the address: put it back while the guard asks.
  window.history.pushState(null, '', shownLocation);
  whenAllowed(to, () => navigate(to));
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentPath = (): string => window.location.pathname;

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

const currentLocation = (): string => window.location.pathname + window.location.search;

/** Path and query string, for views that read the query (the dock/tray drop route). */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

/** What the next page should focus once it shows it (a CSS selector), instead of the page. */
let focusHint: string | null = null;

export function takeFocusHint(): string | null {
  const hint = focusHint;
  focusHint = null;
  return hint;
}

export function navigate(path: string, options: { replace?: boolean; focus?: string } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  whenAllowed(path, () => {
    focusHint = options.focus ?? null;
    if (options.replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
    shownLocation = path;
    window.scrollTo(0, 0);
    notify();
  });
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || modified || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

/** Matches `/runs/:id`-style patterns; returns the named parts or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const want = patternParts[i] ?? '';
    const got = pathParts[i] ?? '';
    if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
    else if (want !== got) return null;
  }
  return params;
}
