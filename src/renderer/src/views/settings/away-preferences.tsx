// Settings → Away, what the Telegram channel announces: each event on or off, quiet hours (messages
// wait until they end), the Bot API's address and the panel address links point to. Saved with
// its own button, apart from the main settings form.
import { useState, type SyntheticEvent } from 'react';
import { AWAY_EVENTS, AWAY_EVENT_LABELS, type AwaySettings } from '../../../../shared/away';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { useApiData } from '../../hooks/use-api-data';

interface Draft {
  events: AwaySettings['telegramEvents'];
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  apiUrl: string;
  panelUrl: string;
}

function draftOf(away: AwaySettings): Draft {
  return {
    events: away.telegramEvents,
    quiet: away.telegramQuietHours !== null,
    quietFrom: away.telegramQuietHours?.from ?? '22:00',
    quietTo: away.telegramQuietHours?.to ?? '07:00',
    apiUrl: away.telegramApiUrl,
    panelUrl: away.panelUrl ?? '',
  };
}

export function AwayPreferences() {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  const loaded = settings.data?.away;
  return loaded ? <PreferencesForm initial={draftOf(loaded)} /> : null;
}

function PreferencesForm(props: { initial: Draft }) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(props.initial);
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const change = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus('idle');
  };
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const next = await api.call('settings.update', {
        away: {
          telegramEvents: draft.events,
          telegramQuietHours: draft.quiet ? { from: draft.quietFrom, to: draft.quietTo } : null,
          telegramApiUrl: draft.apiUrl.trim(),
          panelUrl: draft.panelUrl.trim() === '' ? null : draft.panelUrl.trim(),
        },
      });
      setDraft(draftOf(next.away));
      setStatus('saved');
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? stripFieldPrefix(failure.message, failure.field)
          : String(failure),
      );
    }
  };
  return (
    <form className="away-preferences" onSubmit={(event) => void save(event)}>
      <fieldset className="plain">
        <legend className="sub-legend">Send to Telegram</legend>
        {AWAY_EVENTS.map((name) => (
          <label className="switch" key={name}>
            <input
              type="checkbox"
              checked={draft.events[name]}
              onChange={(event) =>
                change({ events: { ...draft.events, [name]: event.target.checked } })
              }
            />
            <span>{AWAY_EVENT_LABELS[name]}</span>
          </label>
        ))}
      </fieldset>
      <label className="switch">
        <input
          type="checkbox"
          checked={draft.quiet}
          onChange={(event) => change({ quiet: event.target.checked })}
        />
        <span>Quiet hours: messages wait until they end</span>
      </label>
      {draft.quiet && (
        <div className="field-row">
          <Field label="From">
            {(control) => (
              <input
                id={control.id}
                type="time"
                value={draft.quietFrom}
                onChange={(event) => change({ quietFrom: event.target.value })}
              />
            )}
          </Field>
          <Field label="Until">
            {(control) => (
              <input
                id={control.id}
                type="time"
                value={draft.quietTo}
                onChange={(event) => change({ quietTo: event.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <Field
        label="Panel address for links"
        hint="Where your phone reaches this panel (your VPN or tunnel). Empty: messages carry no link."
      >
        {(control) => (
          <input
            id={control.id}
            type="url"
            value={draft.panelUrl}
            placeholder="https://switchboard.example.ts.net"
            aria-describedby={control.describedBy}
            onChange={(event) => change({ panelUrl: event.target.value })}
          />
        )}
      </Field>
      <Field
        label="Bot API address"
        hint="The public Bot API, or your own telegram-bot-api server. SWITCHBOARD_TELEGRAM_API_URL overrides it."
      >
        {(control) => (
          <input
            id={control.id}
            type="url"
            value={draft.apiUrl}
            aria-describedby={control.describedBy}
            onChange={(event) => change({ apiUrl: event.target.value })}
          />
        )}
      </Field>
      <p className="away-row">
        <button type="submit" className="button">
          Save away settings
        </button>
        {status === 'saved' && <span className="quiet">Saved.</span>}
      </p>
      {error && <ErrorNote error={error} />}
    </form>
  );
}
