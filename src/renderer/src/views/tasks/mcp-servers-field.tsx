// The task form's MCP servers: the library's servers to tick for this task (each with how it runs
// and which other tasks use it), and adding or changing a library server in place.
import { useState } from 'react';
import type { McpServer } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { FormSection } from '../../components/form-section';
import { useApiData } from '../../hooks/use-api-data';
import { McpServerEditor } from '../mcp/mcp-server-editor';

function howItRuns(server: McpServer): string {
  if (server.transport !== 'stdio') return server.url ?? '';
  return [server.command ?? '', ...server.args].join(' ');
}

export function McpServersField(props: {
  /** The task being edited, so "also used by" leaves it out. */
  taskId?: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const api = useApi();
  const library = useApiData(
    () => api.call('mcpServers.list', {}),
    [api],
    (event) => event.type === 'mcpServers.updated',
  );
  const secrets = useApiData(() => api.call('secrets.list', {}), [api]);
  const [editing, setEditing] = useState<McpServer | 'new' | null>(null);
  const servers = library.data ?? [];
  const toggle = (id: string, on: boolean) =>
    props.onChange(on ? [...props.selected, id] : props.selected.filter((other) => other !== id));

  return (
    <FormSection title="MCP servers">
      <p className="field-hint" id="mcp-servers-hint">
        Tools this task&apos;s runs get on top of your own Claude Code setup; other tasks do not see
        them. Their calls follow the task&apos;s permission mode, like any tool.
      </p>
      <ErrorNote error={library.error} onRetry={library.reload} />
      {servers.length === 0 && library.data && (
        <p className="field-hint">No servers in the library yet.</p>
      )}
      {servers.length > 0 && (
        <ul className="mcp-server-list" aria-label="MCP server library">
          {servers.map((server) => {
            const others = server.usedBy.filter((task) => task.taskId !== props.taskId);
            return (
              <li key={server.id} className="mcp-server-choice">
                <label className="switch">
                  <input
                    type="checkbox"
                    checked={props.selected.includes(server.id)}
                    aria-describedby={`mcp-${server.id}-how`}
                    onChange={(event) => toggle(server.id, event.target.checked)}
                  />
                  <span>
                    <code>{server.name}</code>
                  </span>
                </label>
                <span className="field-hint mono" id={`mcp-${server.id}-how`}>
                  {howItRuns(server)}
                  {others.length > 0 &&
                    ` · also used by ${others.map((task) => task.title).join(', ')}`}
                </span>
                <button
                  type="button"
                  className="button link"
                  aria-label={`Edit ${server.name}`}
                  onClick={() => setEditing(server)}
                >
                  Edit
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {editing === null ? (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add a server…
        </button>
      ) : (
        <McpServerEditor
          key={editing === 'new' ? 'new' : editing.id}
          server={editing === 'new' ? undefined : editing}
          secretNames={secrets.data?.secrets.map((secret) => secret.name) ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(server) => {
            setEditing(null);
            library.reload();
            // A server added from a task's form is for that task.
            if (editing === 'new') props.onChange([...props.selected, server.id]);
          }}
        />
      )}
    </FormSection>
  );
}
