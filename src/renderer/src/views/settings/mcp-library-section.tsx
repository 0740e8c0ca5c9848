// Settings → MCP servers: the library of saved servers outside any task form. Each one shows how
// it runs and which tasks use it; add, edit and Test in place (the task form's editor), and
// delete: refused in words while a task uses it, otherwise done with Undo (saved again as it was).
import { useState } from 'react';
import type { McpServer } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useDecisionUndo } from '../../approvals/decision-undo';
import { ErrorNote } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { LibraryItem } from './library-item';
import { McpServerEditor } from '../mcp/mcp-server-editor';

function howItRuns(server: McpServer): string {
  if (server.transport !== 'stdio') return `${server.transport.toUpperCase()} ${server.url ?? ''}`;
  return [server.command ?? '', ...server.args].join(' ');
}

export function McpLibrarySection() {
  const api = useApi();
  const { offerUndo } = useDecisionUndo();
  const library = useApiData(
    () => api.call('mcpServers.list', {}),
    [api],
    (event) => event.type === 'mcpServers.updated',
  );
  const secrets = useApiData(() => api.call('secrets.list', {}), [api]);
  const [editing, setEditing] = useState<McpServer | 'new' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const servers = library.data ?? [];

  const remove = async (server: McpServer) => {
    setError(undefined);
    try {
      await api.call('mcpServers.delete', { serverId: server.id });
      offerUndo(`Deleted the MCP server ${server.name}.`, async () => {
        await api.call('mcpServers.save', {
          name: server.name,
          transport: server.transport,
          ...(server.command === null ? {} : { command: server.command }),
          args: server.args,
          env: server.env,
          ...(server.url === null ? {} : { url: server.url }),
          headers: server.headers,
        });
        return `${server.name} is back in the library.`;
      });
    } catch (failure) {
      setError(failure);
    }
    library.reload();
  };

  return (
    <fieldset className="form-section" aria-describedby="mcp-library-about">
      <legend>MCP servers</legend>
      <p id="mcp-library-about" className="field-hint">
        The library of MCP servers tasks can bring with them (ticked in each task&apos;s form). A
        setting drawn from the keychain is kept here by the secret&apos;s name only.
      </p>
      <ErrorNote error={library.error} onRetry={library.reload} />
      <ErrorNote error={error} />
      {library.data && servers.length === 0 && (
        <p className="quiet">No servers in the library yet.</p>
      )}
      {servers.length > 0 && (
        <ul className="mcp-library" aria-label="MCP servers">
          {servers.map((server) => (
            <LibraryItem
              key={server.id}
              name={server.name}
              detail={<span className="field-hint mono">{howItRuns(server)}</span>}
              usedBy={server.usedBy}
              noun="server"
              kind="MCP server"
              onEdit={() => setEditing(server)}
              onDelete={() => remove(server)}
            />
          ))}
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
          onSaved={() => {
            setEditing(null);
            library.reload();
          }}
        />
      )}
    </fieldset>
  );
}
