// One entry of a library in Settings (MCP servers, skills): its name and what it is, the tasks
// that use it, and Edit and Delete (asked first; a thing a task uses cannot be deleted).
import type { ReactNode } from 'react';
import { ConfirmButton } from '../../components/confirm-button';

export function LibraryItem(props: {
  name: string;
  /** What it is, beside the name (how a server runs, a skill's description). */
  detail: ReactNode;
  usedBy: { title: string }[];
  /** "server", "skill": how the delete question and its text name it. */
  noun: string;
  /** "MCP server", "skill": the delete question's title names it so. */
  kind: string;
  onEdit: () => void;
  onDelete: () => void | Promise<void>;
}) {
  return (
    <li aria-label={props.name} className="mcp-library-item">
      <div className="mcp-library-head">
        <code className="mcp-library-name">{props.name}</code>
        {props.detail}
      </div>
      <p className="field-hint">
        {props.usedBy.length === 0
          ? 'No task uses it.'
          : `Used by ${props.usedBy.map((task) => task.title).join(', ')}.`}
      </p>
      <div className="mcp-library-actions">
        <button
          type="button"
          className="button small"
          aria-label={`Edit ${props.name}`}
          onClick={props.onEdit}
        >
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          title={`Delete the ${props.kind} ${props.name}?`}
          confirmLabel={`Delete ${props.noun}`}
          className="button small danger"
          onConfirm={props.onDelete}
        >
          <p>
            It leaves the library; Undo puts it back as it was. A {props.noun} a task still uses
            cannot be deleted: take it off those tasks first.
          </p>
        </ConfirmButton>
      </div>
    </li>
  );
}
