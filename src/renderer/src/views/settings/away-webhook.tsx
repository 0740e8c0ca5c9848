// Settings → Away → Webhook: whether its signing secret is set (a new one is shown once, to copy
// into the receiver), and the channel's queue and last error. Its address and events are saved
// with the other away settings (away-preferences.tsx).
import { useState } from 'react';
import type { AwayState } from '../../../../shared/away';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNote } from '../../components/error-note';
import { CopyButton } from '../triggers/webhook-secret';
import { DeliveryPart, type Act } from './away-delivery';

export function WebhookPart(props: { state: AwayState; act: Act }) {
  const api = useApi();
  const { webhook } = props.state;
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    setError(null);
    try {
      setShown((await api.call('away.newWebhookSecret', {})).secret);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };
  return (
    <div className="away-channel" data-testid="away-webhook">
      <h3 className="sub-legend">Webhook</h3>
      <p className="quiet">
        {webhook.url ? (
          <>
            POSTs JSON with a Slack-compatible <code>text</code> to <code>{webhook.url}</code>,
            signed in <code>X-Switchboard-Signature</code>.
          </>
        ) : (
          <>Off: set its address below.</>
        )}
      </p>
      {webhook.secretSource === 'environment' ? (
        <p>
          Signing secret from <code>SWITCHBOARD_WEBHOOK_SECRET</code>.
        </p>
      ) : webhook.secretSource === 'keychain' ? (
        <p className="away-row">
          <span>Signing secret kept in the keychain.</span>
          <ConfirmButton
            label="New secret"
            title="Make a new signing secret?"
            confirmLabel="Make new secret"
            className="button small"
            onConfirm={make}
          >
            <p>The receiver must check the new secret from then on; the old one stops at once.</p>
          </ConfirmButton>
        </p>
      ) : (
        <p className="away-row">
          <span className="quiet">Nothing is sent until it has a signing secret.</span>
          <button type="button" className="button" onClick={() => void make()}>
            Make signing secret
          </button>
        </p>
      )}
      {shown && (
        <div className="webhook-secret" role="region" aria-label="Webhook signing secret">
          <p className="secret-warning">
            <strong>Copy the secret now: it will not be shown again.</strong>
          </p>
          <p>
            <code className="path away-topic" data-testid="away-webhook-secret">
              {shown}
            </code>
          </p>
          <p className="away-row">
            <CopyButton value={shown} label="Copy secret" />
            <button type="button" className="button small" onClick={() => setShown(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      {error && <ErrorNote error={error} />}
      <DeliveryPart name="Webhook" delivery={webhook} />
    </div>
  );
}
