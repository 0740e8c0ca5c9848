// The panel's colours: Settings → Appearance chooses the system's light or dark, or one always.
// The choice is applied as <html data-theme="light|dark">, which the style sheets read, and kept
// in this window's storage too, so the next start paints in it before the engine answers.
import { useEffect } from 'react';
import type { ThemeChoice } from '../../../shared/domain';
import { useApi, usePushEvents } from '../api/api-context';
import { useApiData } from '../hooks/use-api-data';

export const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};

const CHOICE_KEY = 'switchboard.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storedChoice(): ThemeChoice {
  const stored = localStorage.getItem(CHOICE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Paints the page in `choice` (the system's scheme for 'system'). */
export function applyTheme(choice: ThemeChoice = storedChoice()): void {
  const dark = choice === 'system' ? window.matchMedia(DARK_QUERY).matches : choice === 'dark';
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Keeps the page in the chosen theme: the stored setting, its changes, and the system's. */
export function useTheme(): void {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  usePushEvents((event) => {
    if (event.type === 'settings.updated') settings.setData(() => event.payload);
  });
  const choice = settings.data?.appearance.theme;
  useEffect(() => {
    if (choice === undefined) return;
    localStorage.setItem(CHOICE_KEY, choice);
    applyTheme(choice);
    if (choice !== 'system') return;
    const media = window.matchMedia(DARK_QUERY);
    const follow = () => applyTheme('system');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [choice]);
}
