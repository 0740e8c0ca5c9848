// Settings → Skills: Switchboard's skill library outside any task form. Each skill shows when
// Claude uses it and which tasks use it; add and edit in place; delete: refused in words while
// a task uses it, otherwise done with Undo (saved again as it was).
import { useState } from 'react';
import type { Skill } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useDecisionUndo } from '../../approvals/decision-undo';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNote } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { SkillEditor } from '../skills/skill-editor';

export function SkillsLibrarySection() {
  const api = useApi();
  const { offerUndo } = useDecisionUndo();
  const library = useApiData(() => api.call('skills.list', {}), [api]);
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const skills = library.data ?? [];

  const remove = async (skill: Skill) => {
    setError(undefined);
    try {
      await api.call('skills.delete', { name: skill.name });
      offerUndo(`Deleted the skill ${skill.name}.`, async () => {
        const { name, description, instructions } = skill;
        await api.call('skills.save', { name, description, instructions });
        library.reload();
        return `${skill.name} is back in the library.`;
      });
    } catch (failure) {
      setError(failure);
    }
    library.reload();
  };

  return (
    <fieldset className="form-section" aria-describedby="skills-library-about">
      <legend>Skills</legend>
      <p id="skills-library-about" className="field-hint">
        Skills (instructions Claude uses when they fit) that tasks can bring with them, ticked in
        each task&apos;s form. Kept in Switchboard&apos;s data folder, never in a project.
      </p>
      <ErrorNote error={library.error} onRetry={library.reload} />
      <ErrorNote error={error} />
      {library.data && skills.length === 0 && <p className="quiet">No skills yet.</p>}
      {skills.length > 0 && (
        <ul className="mcp-library" aria-label="Skills">
          {skills.map((skill) => (
            <li key={skill.name} aria-label={skill.name} className="mcp-library-item">
              <div className="mcp-library-head">
                <code className="mcp-library-name">{skill.name}</code>
                <span className="field-hint">{skill.description}</span>
              </div>
              <p className="field-hint">
                {skill.usedBy.length === 0
                  ? 'No task uses it.'
                  : `Used by ${skill.usedBy.map((task) => task.title).join(', ')}.`}
              </p>
              <div className="mcp-library-actions">
                <button
                  type="button"
                  className="button small"
                  aria-label={`Edit ${skill.name}`}
                  onClick={() => setEditing(skill)}
                >
                  Edit
                </button>
                <ConfirmButton
                  label="Delete"
                  title={`Delete the skill ${skill.name}?`}
                  confirmLabel="Delete skill"
                  className="button small danger"
                  onConfirm={() => remove(skill)}
                >
                  <p>
                    It leaves the library; Undo puts it back as it was. A skill a task still uses
                    cannot be deleted: take it off those tasks first.
                  </p>
                </ConfirmButton>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing === null ? (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add a skill…
        </button>
      ) : (
        <SkillEditor
          key={editing === 'new' ? 'new' : editing.name}
          skill={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            library.reload();
          }}
        />
      )}
    </fieldset>
  );
}
