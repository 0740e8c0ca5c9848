// An MCP server's environment variables or headers as rows: a name, then either text kept as it
// is or the name of a keychain secret whose value is read at each run (and never shown here).
import { useId } from 'react';

export interface SettingRow {
  name: string;
  kind: 'text' | 'secret';
  /** The text itself, or the secret's name. */
  text: string;
}

export function McpSettingsRows(props: {
  label: string;
  rows: SettingRow[];
  secretNames: string[];
  error?: string;
  onChange: (rows: SettingRow[]) => void;
}) {
  const id = useId();
  const listId = `${id}-secrets`;
  const change = (index: number, patch: Partial<SettingRow>) =>
    props.onChange(props.rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="mcp-settings" aria-describedby={`${id}-hint`}>
      <legend>{props.label}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        A secret is read from the keychain when a run starts; only its name is kept here.
      </p>
      {props.rows.map((row, index) => (
        <div className="mcp-setting-row" key={index}>
          <input
            type="text"
            className="mono"
            aria-label={`${props.label}: name ${index + 1}`}
            placeholder="NAME"
            spellCheck={false}
            value={row.name}
            onChange={(event) => change(index, { name: event.target.value })}
          />
          <select
            aria-label={`${props.label}: ${row.name || `row ${index + 1}`} comes from`}
            value={row.kind}
            onChange={(event) =>
              change(index, { kind: event.target.value === 'secret' ? 'secret' : 'text', text: '' })
            }
          >
            <option value="text">Text</option>
            <option value="secret">Keychain secret</option>
          </select>
          <input
            type="text"
            className="mono"
            aria-label={
              row.kind === 'secret'
                ? `${props.label}: ${row.name || `row ${index + 1}`} secret name`
                : `${props.label}: ${row.name || `row ${index + 1}`} value`
            }
            placeholder={row.kind === 'secret' ? 'Secret name' : 'Value'}
            list={row.kind === 'secret' ? listId : undefined}
            spellCheck={false}
            autoComplete="off"
            value={row.text}
            onChange={(event) => change(index, { text: event.target.value })}
          />
          <button
            type="button"
            className="button"
            aria-label={`Remove ${row.name || `row ${index + 1}`}`}
            onClick={() => props.onChange(props.rows.filter((_, at) => at !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      {props.error && <p className="field-error">{props.error}</p>}
      <button
        type="button"
        className="button"
        onClick={() => props.onChange([...props.rows, { name: '', kind: 'text', text: '' }])}
      >
        Add {props.label === 'Headers' ? 'a header' : 'a variable'}
      </button>
      <datalist id={listId}>
        {props.secretNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </fieldset>
  );
}
