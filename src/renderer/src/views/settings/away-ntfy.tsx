// Settings → Away → ntfy: the pair of long random topics (the one to subscribe to on the phone,
// the one its buttons answer on), making new ones (which revokes the old at once) or turning ntfy
// off, the optional access token (kept in the keychain), and the channel's queue and last error.
import { useState, type SyntheticEvent } from 'react';
import type { AwayState } from '../../../../shared/away';
import { useApi } from '../../api/api-context';
import { ConfirmButton } from '../../components/confirm-button';
import { Field } from '../../components/field';
import { formatDateTime } from '../../components/format';
import { CopyButton } from '../triggers/webhook-secret';
import { DeliveryPart, type Act } from './away-delivery';

export function NtfyPart(props: { state: AwayState; act: Act }) {
  const api = useApi();
  const { ntfy } = props.state;
  const topics = ntfy.topics;
  return (
    <div className="away-channel" data-testid="away-ntfy">
      <h3 className="sub-legend">ntfy</h3>
      {topics ? (
        <>
          <p>
            In the ntfy app, subscribe to this topic on <code>{ntfy.url}</code>
            {topics.fromEnvironment && (
              <>
                {' '}
                (from <code>SWITCHBOARD_NTFY_TOPIC</code>)
              </>
            )}
            :
          </p>
          <p>
            <code className="path away-topic" data-testid="ntfy-topic">
              {topics.topic}
            </code>
          </p>
          <p>
            <CopyButton value={topics.topic} label="Copy topic" />
          </p>
          <p className="quiet">
            Its buttons answer on a second topic that only Switchboard reads
            {topics.at !== null && <>; both made {formatDateTime(topics.at)}</>}. Anyone who knows
            the first topic can read what is sent: keep it to yourself.
          </p>
          {!topics.fromEnvironment && (
            <p className="away-row">
              <ConfirmButton
                label="New topics"
                title="Make new ntfy topics?"
                confirmLabel="Make new topics"
                className="button small"
                onConfirm={() => props.act(() => api.call('away.newNtfyTopics', {}))}
              >
                <p>
                  The current topics stop at once: buttons of notifications already sent decide
                  nothing, and what is still queued is not sent. Subscribe to the new topic on the
                  phone afterwards.
                </p>
              </ConfirmButton>
              <ConfirmButton
                label="Turn off ntfy"
                title="Turn off ntfy?"
                confirmLabel="Turn off"
                className="button small danger"
                onConfirm={() => props.act(() => api.call('away.removeNtfyTopics', {}))}
              >
                <p>
                  Nothing more is sent to ntfy and nothing is decided from it; what is still queued
                  is not sent. Make new topics to turn it on again.
                </p>
              </ConfirmButton>
            </p>
          )}
        </>
      ) : (
        <p className="away-row">
          <span className="quiet">Off: no topics yet.</span>
          <button
            type="button"
            className="button"
            onClick={() => void props.act(() => api.call('away.newNtfyTopics', {}))}
          >
            Make ntfy topics
          </button>
        </p>
      )}
      <NtfyTokenPart state={props.state} act={props.act} />
      <DeliveryPart name="ntfy" delivery={ntfy} />
    </div>
  );
}

function NtfyTokenPart(props: { state: AwayState; act: Act }) {
  const api = useApi();
  const [token, setToken] = useState('');
  const source = props.state.ntfy.tokenSource;
  if (source === 'environment') {
    return (
      <p>
        Access token from <code>SWITCHBOARD_NTFY_TOKEN</code>.
      </p>
    );
  }
  if (source === 'keychain') {
    return (
      <p className="away-row">
        <span>Access token kept in the keychain.</span>
        <ConfirmButton
          label="Remove access token"
          title="Remove the ntfy access token?"
          confirmLabel="Remove token"
          className="button small danger"
          onConfirm={() => props.act(() => api.call('away.forgetNtfyToken', {}))}
        >
          <p>Switchboard publishes and reads the topics anonymously from then on.</p>
        </ConfirmButton>
      </p>
    );
  }
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    await props.act(() => api.call('away.setNtfyToken', { token: token.trim() }));
    setToken('');
  };
  return (
    <form className="away-token-form" onSubmit={(event) => void save(event)}>
      <Field
        label="Access token (optional)"
        hint="For a server that needs one; kept in the keychain, never shown again."
      >
        {(control) => (
          <input
            id={control.id}
            type="password"
            value={token}
            autoComplete="off"
            placeholder="tk_…"
            aria-describedby={control.describedBy}
            onChange={(event) => setToken(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={token.trim() === ''}>
        Save access token
      </button>
    </form>
  );
}
