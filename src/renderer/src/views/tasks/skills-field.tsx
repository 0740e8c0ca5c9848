// The task form's skills: the library's skills to tick for this task (each with when Claude uses
// it and which other tasks use it), and adding a skill to the library in place.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { FormSection } from '../../components/form-section';
import { useApiData } from '../../hooks/use-api-data';
import { SkillEditor } from '../skills/skill-editor';

export function SkillsField(props: {
  /** The task being edited, so "also used by" leaves it out. */
  taskId?: string;
  selected: string[];
  onChange: (names: string[]) => void;
}) {
  const api = useApi();
  const library = useApiData(() => api.call('skills.list', {}), [api]);
  const [adding, setAdding] = useState(false);
  const skills = library.data ?? [];
  const toggle = (name: string, on: boolean) =>
    props.onChange(
      on ? [...props.selected, name] : props.selected.filter((other) => other !== name),
    );

  return (
    <FormSection title="Skills">
      <p className="field-hint">
        Skills from Switchboard&apos;s library this task&apos;s runs get, on top of your own Claude
        Code setup; other tasks do not see them, and nothing is written into the folder.
      </p>
      <ErrorNote error={library.error} onRetry={library.reload} />
      {skills.length === 0 && library.data && (
        <p className="field-hint">No skills in the library yet.</p>
      )}
      {skills.length > 0 && (
        <ul className="mcp-server-list" aria-label="Skill library">
          {skills.map((skill) => {
            const others = skill.usedBy.filter((task) => task.taskId !== props.taskId);
            return (
              <li key={skill.name} className="mcp-server-choice">
                <label className="switch">
                  <input
                    type="checkbox"
                    checked={props.selected.includes(skill.name)}
                    aria-describedby={`skill-${skill.name}-about`}
                    onChange={(event) => toggle(skill.name, event.target.checked)}
                  />
                  <span>
                    <code>{skill.name}</code>
                  </span>
                </label>
                <span className="field-hint" id={`skill-${skill.name}-about`}>
                  {skill.description}
                  {others.length > 0 &&
                    ` · also used by ${others.map((task) => task.title).join(', ')}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <SkillEditor
          onCancel={() => setAdding(false)}
          onSaved={(skill) => {
            setAdding(false);
            library.reload();
            // A skill added from a task's form is for that task.
            props.onChange([...props.selected, skill.name]);
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add a skill…
        </button>
      )}
    </FormSection>
  );
}
