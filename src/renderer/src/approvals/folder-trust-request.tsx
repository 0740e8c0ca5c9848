// A run waiting before its start because its folder has Claude Code settings of its own: every
// hook command, MCP server, permission rule and variable they would load, in full, and the two
// explicit choices. No key decides it: only these buttons do.
import type { Approval, FolderTrustInput, ProjectSettingItem } from '../../../shared/domain';
import { ErrorNote } from '../components/error-note';
import { useDecide } from './use-decide';

const KIND_LABELS: Record<ProjectSettingItem['kind'], string> = {
  hook: 'Runs a command',
  mcp: 'Starts an MCP server',
  permissions: 'Grants or limits permissions',
  env: 'Sets an environment variable',
  command: 'Runs a command',
  other: 'Another setting',
};

export function FolderTrustRequest(props: { approval: Approval }) {
  const { approval } = props;
  const { decide, busy, error } = useDecide(approval.id);
  const input = folderTrustInput(approval.input);
  return (
    <div className="folder-trust">
      <p>
        This run&apos;s folder <code>{input.folder}</code> has Claude Code settings of its own. None
        of them has run yet. Loading them would:
      </p>
      <ul className="trust-items">
        {input.items.map((item, index) => (
          <li key={index}>
            <div className="trust-item-head">
              <strong>{item.label}</strong>
              <span className="muted">
                {KIND_LABELS[item.kind]} · {item.file}
              </span>
            </div>
            <pre className="trust-detail">{item.detail}</pre>
          </li>
        ))}
      </ul>
      <details className="trust-files">
        {/* Where Enter ("go to the answer") lands: reading, never a decision button. */}
        <summary data-answer-focus>The settings files in full</summary>
        {input.files.map((file) => (
          <div key={file.path}>
            <h4>{file.path}</h4>
            <pre className="trust-detail">{file.content}</pre>
          </div>
        ))}
      </details>
      <p className="muted">
        Switchboard remembers your choice for this folder until these settings change. Without them,
        runs also go without the folder&apos;s CLAUDE.md.
      </p>
      <ErrorNote error={error} />
      <div className="approval-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void decide({ decision: 'allow' })}
        >
          Trust this folder and load them
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void decide({ decision: 'deny' })}
        >
          Run without its settings
        </button>
      </div>
    </div>
  );
}

/** The request's input, read defensively (it is stored JSON). */
export function folderTrustInput(input: Record<string, unknown>): FolderTrustInput {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const kinds = Object.keys(KIND_LABELS) as ProjectSettingItem['kind'][];
  return {
    folder: text(input.folder),
    workdir: text(input.workdir),
    settingsHash: text(input.settingsHash),
    items: list(input.items).map((raw) => {
      const item = record(raw);
      const kind = kinds.find((k) => k === item.kind) ?? 'other';
      return { file: text(item.file), kind, label: text(item.label), detail: text(item.detail) };
    }),
    files: list(input.files).map((raw) => {
      const file = record(raw);
      return { path: text(file.path), content: text(file.content) };
    }),
  };
}
