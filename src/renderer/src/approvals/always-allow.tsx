// "Always allow" for a tool request, as narrow as the request unless the person widens it: the
// choices the engine offers (the command's prefix, the exact command, the file, its folder, any
// use of the tool), the wide ones with a plain warning, and the button that remembers the choice.
import { useId, useState } from 'react';
import type { Approval } from '../../../shared/domain';
import type { AlwaysScope } from '../../../shared/permission-rules';

export function AlwaysAllow(props: {
  approval: Approval;
  busy: boolean;
  onAlways: (scope: AlwaysScope) => void;
}) {
  const { approval, busy } = props;
  const choices = approval.alwaysChoices;
  const [scope, setScope] = useState<AlwaysScope | undefined>(choices[0]?.scope);
  const id = useId();
  const chosen = choices.find((choice) => choice.scope === scope) ?? choices[0];
  if (!chosen) return null;
  return (
    <div className="always-allow">
      <label htmlFor={id}>Always allow in this task:</label>
      {choices.length > 1 ? (
        <select
          id={id}
          value={chosen.scope}
          disabled={busy}
          onChange={(event) => setScope(event.target.value as AlwaysScope)}
        >
          {choices.map((choice) => (
            <option key={choice.scope} value={choice.scope}>
              {choice.warning ? `${choice.label} (wide)` : choice.label}
            </option>
          ))}
        </select>
      ) : (
        <span id={id} className="always-scope">
          {chosen.label}
        </span>
      )}
      <button
        type="button"
        className={chosen.warning ? 'button danger' : 'button'}
        disabled={busy}
        title={`Remembered as ${chosen.rules.join(', ')}`}
        onClick={() => props.onAlways(chosen.scope)}
      >
        Always allow
      </button>
      {chosen.warning && (
        <p className="always-warning" role="note">
          {chosen.warning}
        </p>
      )}
    </div>
  );
}
