// Settings → Appearance: the panel's theme (the system's light or dark, or one of them always),
// saved at once like a system setting and kept by the engine, so it holds after a restart and in
// every window of the panel.
import { useState } from 'react';
import { THEME_CHOICES, type ThemeChoice } from '../../../../shared/domain';
import { useApi, usePushEvents } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { applyTheme, THEME_LABELS } from '../../app/theme';

export function AppearanceSection() {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  const [error, setError] = useState<unknown>(undefined);
  usePushEvents((event) => {
    if (event.type === 'settings.updated') settings.setData(() => event.payload);
  });
  const saved = settings.data?.appearance.theme;
  // Shown chosen at once, as the page is painted in it; the saved setting follows.
  const [choosing, setChoosing] = useState<ThemeChoice | null>(null);
  const chosen = choosing ?? saved;
  const choose = async (theme: ThemeChoice) => {
    setError(undefined);
    setChoosing(theme);
    applyTheme(theme);
    try {
      const next = await api.call('settings.update', { appearance: { theme } });
      settings.setData(() => next);
    } catch (failure) {
      // Not kept: back to what is saved, and say why.
      applyTheme(saved);
      setError(failure);
    } finally {
      setChoosing(null);
    }
  };
  return (
    <fieldset className="form-section appearance">
      <legend>Appearance</legend>
      <p className="quiet">The theme changes at once, here and in every open window.</p>
      <ErrorNote error={settings.error} onRetry={settings.reload} />
      {chosen && (
        <div className="radio-group" role="radiogroup" aria-label="Theme">
          {THEME_CHOICES.map((theme) => (
            <label key={theme} className="switch">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={chosen === theme}
                onChange={() => void choose(theme)}
              />
              <span>{THEME_LABELS[theme]}</span>
            </label>
          ))}
        </div>
      )}
      <ErrorNote error={error} />
    </fieldset>
  );
}
