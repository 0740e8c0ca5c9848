// A webhook's secret, shown once (after create or rotate): the URL, the secret, a curl example
// to copy, and a plain warning that it cannot be shown again.
import { useEffect, useRef, useState } from 'react';
import { copyText } from '../../components/clipboard';
import { curlExample } from './trigger-format';

export function CopyButton(props: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        className="button small"
        onClick={() => void copyText(props.value).then((ok) => setState(ok ? 'copied' : 'failed'))}
      >
        {props.label}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Select the text and copy it.' : ''}
      </span>
    </span>
  );
}

export function WebhookSecret(props: {
  url: string;
  secret: string;
  rotated: boolean;
  onDone: () => void;
}) {
  const curl = curlExample(props.url, props.secret);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div
      className="webhook-secret"
      ref={box}
      tabIndex={-1}
      role="region"
      aria-label={props.rotated ? 'New webhook secret' : 'Webhook secret'}
    >
      <p className="secret-warning">
        <strong>Copy the secret now: it will not be shown again.</strong>{' '}
        {props.rotated
          ? 'The old secret stopped working.'
          : 'Switchboard keeps only a fingerprint of it.'}{' '}
        If you lose it, rotate the secret to get a new one.
      </p>
      <dl className="secret-facts">
        <div>
          <dt>URL</dt>
          <dd>
            <code className="path" data-testid="webhook-url">
              {props.url}
            </code>
          </dd>
        </div>
        <div>
          <dt>Secret</dt>
          <dd className="secret-value">
            <code className="path" data-testid="webhook-secret">
              {props.secret}
            </code>
            <CopyButton value={props.secret} label="Copy secret" />
          </dd>
        </div>
      </dl>
      <div className="curl-head">
        <span>Try it:</span>
        <CopyButton value={curl} label="Copy curl command" />
      </div>
      <pre className="curl-example" aria-label="curl example">
        {curl}
      </pre>
      <button type="button" className="button" onClick={props.onDone}>
        I saved it, hide the secret
      </button>
    </div>
  );
}
