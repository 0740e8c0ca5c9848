// Settings → Skills: Switchboard's skill library outside any task form. Each skill shows when
// Claude uses it and which tasks use it; add and edit in place; delete: refused in words while
// a task uses it, otherwise done with Undo (saved again as it was).
import { useState } from 'react';
import type { Skill } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useDecisionUndo } from '../../approvals/decision-undo';
import { ErrorNote } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { LibraryItem } from './library-item';
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
            <LibraryItem
              key={skill.name}
              name={skill.name}
              detail={<span className="field-hint">{skill.description}</span>}
              usedBy={skill.usedBy}
              noun="skill"
              kind="skill"
              onEdit={() => setEditing(skill)}
              onDelete={() => remove(skill)}
            />
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
