// Adds or changes a skill in Switchboard's library: its name, when Claude should use it (the
// description Claude Code lists), and the instructions Claude reads when it does.
import { useState } from 'react';
import type { Skill } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { TextField } from '../../components/text-field';

export function SkillEditor(props: {
  skill?: Skill;
  onCancel: () => void;
  onSaved: (skill: Skill) => void;
}) {
  const api = useApi();
  const [name, setName] = useState(props.skill?.name ?? '');
  const [description, setDescription] = useState(props.skill?.description ?? '');
  const [instructions, setInstructions] = useState(props.skill?.instructions ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      props.onSaved(await api.call('skills.save', { name, description, instructions }));
    } catch (error) {
      if (error instanceof ApiError && error.field) {
        setErrors({ [error.field]: stripFieldPrefix(error.message, error.field) });
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="mcp-editor callout"
      role="group"
      aria-label={props.skill ? `Edit skill ${props.skill.name}` : 'New skill'}
      onKeyDown={(event) => {
        // Enter in a field here must not save the whole task.
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
          event.preventDefault();
        }
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          props.onCancel();
        }
      }}
    >
      {props.skill ? (
        <p className="field-hint">
          <code>{props.skill.name}</code>: saving changes it for every task that uses it.
        </p>
      ) : (
        <TextField
          label="Name"
          mono
          value={name}
          error={errors.name}
          hint="Lower-case letters, digits and -. Claude sees it as switchboard:name."
          onChange={setName}
        />
      )}
      <TextField
        label="When to use it"
        value={description}
        error={errors.description}
        hint="Claude Code lists this line; Claude uses the skill when it fits."
        onChange={setDescription}
      />
      <Field
        label="Instructions"
        error={errors.instructions}
        hint="What Claude reads when it uses it (Markdown)."
      >
        {(control) => (
          <textarea
            id={control.id}
            rows={6}
            value={instructions}
            aria-describedby={control.describedBy}
            onChange={(event) => setInstructions(event.target.value)}
          />
        )}
      </Field>
      <ErrorNote error={failure} />
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void save()}
        >
          {props.skill ? 'Save skill' : 'Add to library'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
