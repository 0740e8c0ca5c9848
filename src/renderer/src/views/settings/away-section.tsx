// Settings → Away: the Telegram bot (its token in the keychain), pairing the phone by a one-time
// code, revoking it, what the channel has queued and its last error, and decisions refused from
// any channel. ntfy and the webhook are in away-ntfy.tsx and away-webhook.tsx; what to announce
// and when to stay quiet is in away-preferences.tsx.
import { useState, type SyntheticEvent } from 'react';
import type { AwayState } from '../../../../shared/away';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNote } from '../../components/error-note';
import { Field } from '../../components/field';
import { formatDateTime } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { CopyButton } from '../triggers/webhook-secret';
import { DeliveryPart, type Act } from './away-delivery';
import { NtfyPart } from './away-ntfy';
import { AwayPreferences } from './away-preferences';
import { WebhookPart } from './away-webhook';

export function AwaySection() {
  const api = useApi();
  const away = useApiData(
    () => api.call('away.get', {}),
    [api],
    (event) => event.type === 'away.updated',
  );
  const [error, setError] = useState<string | null>(null);
  const act = async (call: () => Promise<AwayState>) => {
    setError(null);
    try {
      const next = await call();
      away.setData(() => next);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };
  const state = away.data;
  return (
    <fieldset className="form-section away" aria-describedby="away-about">
      <legend>Away</legend>
      <p id="away-about" className="field-hint">
        Decide requests and hear about runs on your phone through a Telegram bot you create with
        BotFather or an ntfy topic, and tell other tools through a signed webhook. Switchboard only
        makes outgoing connections; commands are shown redacted, file contents are never sent.
      </p>
      <ErrorNote error={away.error} onRetry={away.reload} />
      {state && (
        <>
          <h3 className="sub-legend">Telegram</h3>
          <TokenPart state={state} act={act} />
          {state.telegram.tokenSource !== null && <PairingPart state={state} act={act} />}
          <DeliveryPart name="Telegram" delivery={state.telegram} />
          <NtfyPart state={state} act={act} />
          <WebhookPart state={state} act={act} />
          <RefusalsPart state={state} />
        </>
      )}
      {error && <ErrorNote error={error} />}
      <AwayPreferences />
    </fieldset>
  );
}

function TokenPart(props: { state: AwayState; act: Act }) {
  const api = useApi();
  const [token, setToken] = useState('');
  const source = props.state.telegram.tokenSource;
  if (source === 'environment') {
    return (
      <p data-testid="away-token">
        Bot token from <code>SWITCHBOARD_TELEGRAM_BOT_TOKEN</code>.
      </p>
    );
  }
  if (source === 'keychain') {
    return (
      <p className="away-row" data-testid="away-token">
        <span>Bot token kept in the keychain.</span>
        <ConfirmButton
          label="Remove token"
          title="Remove the bot token?"
          confirmLabel="Remove token"
          className="button small danger"
          onConfirm={() => props.act(() => api.call('away.forgetTelegramToken', {}))}
        >
          <p>
            Nothing more is sent to Telegram and no decision is taken from it until a token is added
            again. The pairing is kept.
          </p>
        </ConfirmButton>
      </p>
    );
  }
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    await props.act(() => api.call('away.setTelegramToken', { token: token.trim() }));
    setToken('');
  };
  return (
    <form className="away-token-form" onSubmit={(event) => void save(event)}>
      <Field label="Bot token" hint="From BotFather; kept in the keychain, never shown again.">
        {(control) => (
          <input
            id={control.id}
            type="password"
            value={token}
            autoComplete="off"
            placeholder="123456789:AA…"
            aria-describedby={control.describedBy}
            onChange={(event) => setToken(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={token.trim() === ''}>
        Save token
      </button>
    </form>
  );
}

function PairingPart(props: { state: AwayState; act: Act }) {
  const api = useApi();
  const { paired, pairing } = props.state.telegram;
  if (paired) {
    const who = paired.name ? `@${paired.name}` : `chat ${paired.chat}`;
    return (
      <div className="away-row" data-testid="away-paired">
        <span>
          Paired with <strong>{who}</strong>
          {paired.at !== null && <> since {formatDateTime(paired.at)}</>}
          {paired.fromEnvironment && (
            <>
              {' '}
              (from <code>SWITCHBOARD_TELEGRAM_CHAT_ID</code>)
            </>
          )}
          . Only this chat can decide.
        </span>
        {!paired.fromEnvironment && (
          <ConfirmButton
            label="Revoke pairing"
            title="Revoke the pairing?"
            confirmLabel="Revoke pairing"
            className="button small danger"
            onConfirm={() => props.act(() => api.call('away.revokePairing', {}))}
          >
            <p>
              From now on {who} decides nothing and gets nothing; messages still queued for it are
              not sent. Pair again with a new code at any time.
            </p>
          </ConfirmButton>
        )}
      </div>
    );
  }
  return (
    <div className="away-pairing" data-testid="away-pairing">
      {pairing ? (
        <>
          <p>
            In Telegram, send your bot this message within 10 minutes (until{' '}
            {formatDateTime(pairing.expiresAt)}):
          </p>
          <p className="url-line">
            <code className="pairing-code" data-testid="pairing-code">
              /start {pairing.code}
            </code>
            <CopyButton value={`/start ${pairing.code}`} label="Copy" />
          </p>
          <p className="quiet">This page updates once the bot hears it.</p>
        </>
      ) : (
        <p className="quiet">
          No phone is paired: nothing is sent, and nothing is decided from Telegram.
        </p>
      )}
      <button
        type="button"
        className="button"
        onClick={() => void props.act(() => api.call('away.startPairing', {}))}
      >
        {pairing ? 'New code' : 'Pair a phone'}
      </button>
    </div>
  );
}

function RefusalsPart(props: { state: AwayState }) {
  const refusals = props.state.refusals;
  if (refusals.length === 0) return null;
  return (
    <details data-testid="away-refusals">
      <summary>Refused from the phone ({refusals.length})</summary>
      <ul className="away-refusals">
        {refusals.map((refusal) => (
          <li key={`${refusal.at}-${refusal.channel}-${refusal.chat}`}>
            {formatDateTime(refusal.at)}, {refusal.channel === 'ntfy' ? 'ntfy topic' : 'chat'}{' '}
            {refusal.chat}: {refusal.detail}
          </li>
        ))}
      </ul>
    </details>
  );
}
