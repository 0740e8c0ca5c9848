// An agent asks for a credential mid-run: the name it wants set, its reason (outside text, shown
// as it wrote it), a masked field for the value, and three answers: give it (for this run, or
// kept in the keychain for the task's later runs too), don't give it, or never for this task.
// The value goes from this field to the engine only; nothing shows it again.
import { useState, type SyntheticEvent } from 'react';
import type { Approval, SecretRequestInput } from '../../../shared/domain';
import { ErrorNote } from '../components/error-note';
import { useDecide } from './use-decide';

export function SecretRequest(props: { approval: Approval }) {
  const { approval } = props;
  const { name, why } = secretRequestInput(approval.input);
  const { decide, busy, error } = useDecide(approval.id);
  const [value, setValue] = useState('');
  const [save, setSave] = useState(false);
  const [missing, setMissing] = useState(false);
  const fieldId = `secret-${approval.id}`;

  const give = (event: SyntheticEvent) => {
    event.preventDefault();
    if (value === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    void decide({ decision: 'allow', secretValue: value, saveForTask: save }).then((decided) => {
      if (decided) setValue('');
    });
  };

  return (
    <form className="secret-request" onSubmit={give} autoComplete="off">
      <p>
        Claude asks for <code>${name}</code>:
      </p>
      <blockquote className="secret-why">{why || 'It gave no reason.'}</blockquote>
      <p className="muted">
        The value is set only in this run&apos;s shell commands. Claude is told that{' '}
        <code>${name}</code> is set, never the value, and the transcript shows it as [redacted:
        {name}].
      </p>
      <label htmlFor={fieldId} className="secret-label">
        Value of {name}
      </label>
      <input
        id={fieldId}
        type="password"
        className="secret-value"
        autoComplete="new-password"
        spellCheck={false}
        data-answer-focus
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setMissing(false);
        }}
        aria-invalid={missing || undefined}
      />
      <label className="secret-save">
        <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} />
        Also keep it in the keychain as {name} and give it to this task&apos;s later runs
      </label>
      {missing && (
        <p className="field-error" role="alert">
          Type the value, or choose not to give it.
        </p>
      )}
      <ErrorNote error={error} />
      <div className="approval-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Give {name} to this run
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void decide({ decision: 'deny' })}
        >
          Don&apos;t give it
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          title="Denies this request and adds Switchboard's request_secret to the task's disallowed tools (the task form can take it off)."
          onClick={() => void decide({ decision: 'deny', neverForTask: true })}
        >
          Never ask in this task
        </button>
      </div>
    </form>
  );
}

/** The request's input, read defensively (the agent wrote it). */
export function secretRequestInput(input: Record<string, unknown>): SecretRequestInput {
  return {
    name: typeof input.name === 'string' ? input.name : '?',
    why: typeof input.why === 'string' ? input.why : '',
  };
}
