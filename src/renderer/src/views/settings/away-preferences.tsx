// Settings → Away, what each channel announces: each event on or off per channel (Telegram, ntfy,
// the webhook), quiet hours for the phone channels (messages wait until they end), the Bot API's,
// ntfy server's and webhook's addresses and the panel address links point to. Saved with its own
// button, apart from the main settings form.
import { useState, type SyntheticEvent } from 'react';
import {
  AWAY_EVENTS,
  AWAY_EVENT_LABELS,
  type AwayEvent,
  type AwaySettings,
} from '../../../../shared/away';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { useApiData } from '../../hooks/use-api-data';

type Events = Record<AwayEvent, boolean>;

interface Draft {
  events: Events;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  apiUrl: string;
  ntfyEvents: Events;
  ntfyQuiet: boolean;
  ntfyQuietFrom: string;
  ntfyQuietTo: string;
  ntfyUrl: string;
  webhookEvents: Events;
  webhookUrl: string;
  panelUrl: string;
}

function draftOf(away: AwaySettings): Draft {
  return {
    events: away.telegramEvents,
    quiet: away.telegramQuietHours !== null,
    quietFrom: away.telegramQuietHours?.from ?? '22:00',
    quietTo: away.telegramQuietHours?.to ?? '07:00',
    apiUrl: away.telegramApiUrl,
    ntfyEvents: away.ntfyEvents,
    ntfyQuiet: away.ntfyQuietHours !== null,
    ntfyQuietFrom: away.ntfyQuietHours?.from ?? '22:00',
    ntfyQuietTo: away.ntfyQuietHours?.to ?? '07:00',
    ntfyUrl: away.ntfyUrl,
    webhookEvents: away.webhookEvents,
    webhookUrl: away.webhookUrl ?? '',
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
          ntfyEvents: draft.ntfyEvents,
          ntfyQuietHours: draft.ntfyQuiet
            ? { from: draft.ntfyQuietFrom, to: draft.ntfyQuietTo }
            : null,
          ntfyUrl: draft.ntfyUrl.trim(),
          webhookEvents: draft.webhookEvents,
          webhookUrl: draft.webhookUrl.trim() === '' ? null : draft.webhookUrl.trim(),
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
      <EventsChoice
        legend="Send to Telegram"
        events={draft.events}
        onChange={(events) => change({ events })}
      />
      <QuietChoice
        channel="Telegram"
        on={draft.quiet}
        from={draft.quietFrom}
        to={draft.quietTo}
        onChange={(quiet) => change({ quiet: quiet.on, quietFrom: quiet.from, quietTo: quiet.to })}
      />
      <EventsChoice
        legend="Send to ntfy"
        events={draft.ntfyEvents}
        onChange={(ntfyEvents) => change({ ntfyEvents })}
      />
      <QuietChoice
        channel="ntfy"
        on={draft.ntfyQuiet}
        from={draft.ntfyQuietFrom}
        to={draft.ntfyQuietTo}
        onChange={(quiet) =>
          change({ ntfyQuiet: quiet.on, ntfyQuietFrom: quiet.from, ntfyQuietTo: quiet.to })
        }
      />
      <EventsChoice
        legend="Send to the webhook"
        events={draft.webhookEvents}
        onChange={(webhookEvents) => change({ webhookEvents })}
      />
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
      <Field
        label="ntfy server"
        hint="ntfy.sh or your own server. SWITCHBOARD_NTFY_URL overrides it."
      >
        {(control) => (
          <input
            id={control.id}
            type="url"
            value={draft.ntfyUrl}
            aria-describedby={control.describedBy}
            onChange={(event) => change({ ntfyUrl: event.target.value })}
          />
        )}
      </Field>
      <Field
        label="Webhook address"
        hint="Where the webhook POSTs (a Slack incoming webhook works). Empty: no webhook."
      >
        {(control) => (
          <input
            id={control.id}
            type="url"
            value={draft.webhookUrl}
            placeholder="https://hooks.example.com/switchboard"
            aria-describedby={control.describedBy}
            onChange={(event) => change({ webhookUrl: event.target.value })}
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

function EventsChoice(props: {
  legend: string;
  events: Events;
  onChange: (events: Events) => void;
}) {
  return (
    <fieldset className="plain">
      <legend className="sub-legend">{props.legend}</legend>
      {AWAY_EVENTS.map((name) => (
        <label className="switch" key={name}>
          <input
            type="checkbox"
            checked={props.events[name]}
            onChange={(event) => props.onChange({ ...props.events, [name]: event.target.checked })}
          />
          <span>{AWAY_EVENT_LABELS[name]}</span>
        </label>
      ))}
    </fieldset>
  );
}

interface Quiet {
  on: boolean;
  from: string;
  to: string;
}

function QuietChoice(props: Quiet & { channel: string; onChange: (quiet: Quiet) => void }) {
  const { on, from, to } = props;
  return (
    <>
      <label className="switch">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) => props.onChange({ on: event.target.checked, from, to })}
        />
        <span>Quiet hours for {props.channel}: messages wait until they end</span>
      </label>
      {on && (
        <div className="field-row">
          <Field label="From">
            {(control) => (
              <input
                id={control.id}
                type="time"
                value={from}
                onChange={(event) => props.onChange({ on, from: event.target.value, to })}
              />
            )}
          </Field>
          <Field label="Until">
            {(control) => (
              <input
                id={control.id}
                type="time"
                value={to}
                onChange={(event) => props.onChange({ on, from, to: event.target.value })}
              />
            )}
          </Field>
        </div>
      )}
    </>
  );
}
