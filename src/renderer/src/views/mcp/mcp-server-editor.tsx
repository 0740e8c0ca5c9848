// Adds or changes a server in the MCP library: a command with arguments and environment, or a
// URL with headers; each setting plain text or a keychain secret named (its value never shown or
// stored here). "Test" starts the server as filled in, saved or not, and lists its tools.
import { useState } from 'react';
import type { MethodInput } from '../../../../shared/contract';
import {
  MCP_TRANSPORTS,
  type McpServer,
  type McpSetting,
  type McpTestResult,
  type McpTransport,
} from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { errorMessage, ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { choices, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { Field } from '../../components/field';
import { McpSettingsRows, type SettingRow } from './mcp-settings-rows';

const TRANSPORT_LABELS: Record<McpTransport, string> = {
  stdio: 'A command (stdio)',
  http: 'A URL (HTTP)',
  sse: 'A URL (server-sent events, older servers)',
};

interface Draft {
  name: string;
  transport: McpTransport;
  command: string;
  /** One argument per line, so arguments with spaces stay whole. */
  args: string;
  env: SettingRow[];
  url: string;
  headers: SettingRow[];
}

function draftOf(server: McpServer | undefined): Draft {
  const rows = (settings: McpSetting[]): SettingRow[] =>
    settings.map((setting) =>
      'secret' in setting
        ? { name: setting.name, kind: 'secret', text: setting.secret }
        : { name: setting.name, kind: 'text', text: setting.value },
    );
  return {
    name: server?.name ?? '',
    transport: server?.transport ?? 'stdio',
    command: server?.command ?? '',
    args: server?.args.join('\n') ?? '',
    env: rows(server?.env ?? []),
    url: server?.url ?? '',
    headers: rows(server?.headers ?? []),
  };
}

function inputOf(draft: Draft): MethodInput<'mcpServers.test'> {
  const settings = (rows: SettingRow[]): McpSetting[] =>
    rows
      .filter((row) => row.name.trim() !== '')
      .map((row) =>
        row.kind === 'secret'
          ? { name: row.name.trim(), secret: row.text.trim() }
          : { name: row.name.trim(), value: row.text },
      );
  const stdio = draft.transport === 'stdio';
  return {
    name: draft.name.trim(),
    transport: draft.transport,
    command: stdio ? draft.command.trim() || null : null,
    args: stdio ? draft.args.split('\n').filter((arg) => arg.trim() !== '') : [],
    env: stdio ? settings(draft.env) : [],
    url: stdio ? null : draft.url.trim() || null,
    headers: stdio ? [] : settings(draft.headers),
  };
}

export function McpServerEditor(props: {
  server?: McpServer;
  secretNames: string[];
  onSaved: (server: McpServer) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [draft, setDraft] = useState(() => draftOf(props.server));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [test, setTest] = useState<McpTestResult | 'testing' | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: '' }));
    setTest(null);
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.field) {
      const field = error.field.split('.')[0] ?? error.field;
      setErrors({ [field]: stripFieldPrefix(error.message, error.field) });
    } else {
      setFailure(error);
    }
  };

  const runTest = async () => {
    setFailure(undefined);
    setTest('testing');
    try {
      setTest(await api.call('mcpServers.test', inputOf(draft)));
    } catch (error) {
      setTest(null);
      failed(error);
    }
  };
  const save = async () => {
    setFailure(undefined);
    setBusy(true);
    try {
      const input = inputOf(draft);
      const saved = await api.call(
        'mcpServers.save',
        props.server ? { ...input, serverId: props.server.id } : input,
      );
      props.onSaved(saved);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="mcp-editor callout"
      role="group"
      aria-label={props.server ? `Edit MCP server ${props.server.name}` : 'New MCP server'}
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
      <div className="field-row">
        <TextField
          label="Name"
          mono
          value={draft.name}
          error={errors.name}
          hint="Its tools are called mcp__name__tool."
          onChange={(value) => set('name', value)}
        />
        <SelectField
          label="Runs as"
          value={draft.transport}
          options={choices(MCP_TRANSPORTS, TRANSPORT_LABELS)}
          onChange={(transport) => set('transport', transport)}
        />
      </div>
      {draft.transport === 'stdio' ? (
        <>
          <TextField
            label="Command"
            mono
            value={draft.command}
            error={errors.command}
            placeholder="npx"
            hint="Started by Claude Code in the run's folder."
            onChange={(value) => set('command', value)}
          />
          <Field label="Arguments" hint="One per line." error={errors.args}>
            {(control) => (
              <textarea
                id={control.id}
                className="mono"
                rows={3}
                spellCheck={false}
                value={draft.args}
                aria-describedby={control.describedBy}
                onChange={(event) => set('args', event.target.value)}
              />
            )}
          </Field>
          <McpSettingsRows
            label="Environment variables"
            rows={draft.env}
            secretNames={props.secretNames}
            error={errors.env}
            onChange={(rows) => set('env', rows)}
          />
        </>
      ) : (
        <>
          <TextField
            label="URL"
            mono
            value={draft.url}
            error={errors.url}
            placeholder="https://mcp.example.com/mcp"
            onChange={(value) => set('url', value)}
          />
          <McpSettingsRows
            label="Headers"
            rows={draft.headers}
            secretNames={props.secretNames}
            error={errors.headers}
            onChange={(rows) => set('headers', rows)}
          />
        </>
      )}
      <TestOutcome test={test} />
      {failure !== undefined && <ErrorNote error={errorMessage(failure)} />}
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void save()}
        >
          {props.server ? 'Save server' : 'Add to library'}
        </button>
        <button
          type="button"
          className="button"
          disabled={test === 'testing'}
          onClick={() => void runTest()}
        >
          {test === 'testing' ? 'Testing…' : 'Test'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function TestOutcome(props: { test: McpTestResult | 'testing' | null }) {
  const { test } = props;
  if (test === null) return null;
  if (test === 'testing') {
    return (
      <p className="field-hint" role="status">
        Starting the server and asking for its tools…
      </p>
    );
  }
  if (!test.ok) {
    return (
      <div className="callout tone-danger" role="status">
        <strong>It did not answer.</strong> <span className="error-text">{test.error}</span>
      </div>
    );
  }
  return (
    <div className="callout tone-success" role="status">
      <strong>
        Works: {test.tools.length} {test.tools.length === 1 ? 'tool' : 'tools'}
      </strong>
      {test.tools.length > 0 && (
        <ul className="mcp-tools">
          {test.tools.map((tool) => (
            <li key={tool.name}>
              <code>{tool.name}</code>
              {tool.description && <span className="field-hint"> — {tool.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
