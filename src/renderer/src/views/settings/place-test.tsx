// "Test this place" and what it found: ready (with Claude Code's version), what is missing in
// plain words, or a host key to accept: new (first use) or changed (refused until accepted anew).
import { useState } from 'react';
import type { Place, PlaceCheck } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';

export function PlaceTest(props: { place: Place; onChanged: () => void }) {
  const api = useApi();
  const [check, setCheck] = useState<PlaceCheck | null>(null);
  const [busy, setBusy] = useState<'testing' | 'accepting' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const placeId = props.place.id;

  const test = async () => {
    setBusy('testing');
    setError(undefined);
    try {
      setCheck(await api.call('places.test', { placeId }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  const accept = async (fingerprint: string) => {
    setBusy('accepting');
    setError(undefined);
    try {
      await api.call('places.trustHostKey', { placeId, fingerprint });
      props.onChanged();
      setCheck(await api.call('places.test', { placeId }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const key = check?.hostKey;
  return (
    <div className="place-test">
      <button
        type="button"
        className="button small"
        disabled={busy !== null}
        onClick={() => void test()}
      >
        {busy === 'testing' ? 'Testing…' : 'Test this place'}
      </button>
      {props.place.kind === 'ssh' && props.place.hostKeyFingerprint === null && check === null && (
        <span className="quiet"> Not tested yet: its host key is not accepted.</span>
      )}
      {check?.ok && (
        <p className="place-ready" role="status">
          Ready: Claude Code {check.claudeVersion ?? ''} found
          {props.place.kind === 'container'
            ? ` in ${props.place.container?.image ?? 'the image'}`
            : ', the folder is writable'}{' '}
          (checked in {(check.tookMs / 1000).toFixed(1)} s).
        </p>
      )}
      {check && !check.ok && (
        <div className="notice" role="status">
          <ul className="place-problems">
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          {key?.fingerprint && (key.status === 'unknown' || key.status === 'changed') && (
            <button
              type="button"
              className={key.status === 'changed' ? 'button small danger' : 'button small'}
              disabled={busy !== null}
              onClick={() => void accept(key.fingerprint ?? '')}
            >
              {key.status === 'changed'
                ? `Replace the accepted key with ${key.fingerprint}`
                : `Accept the key ${key.fingerprint}`}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
