// "Open in editor" and "Open in terminal" on the run page: the folder the run worked in (its
// worktree, or the task's folder), opened on the machine running Switchboard, which a browser
// page says, since that may not be the machine the page is on.
import { useState } from 'react';
import type { OpenFolderApp, OpenFolderResult, Run } from '../../../../shared/domain';
import { useApi, useDesktop } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { useRunAction } from './use-run-action';

export const OPEN_FOLDER_LABELS: Record<OpenFolderApp, string> = {
  editor: 'Open in editor',
  terminal: 'Open in terminal',
};

/** Only a run that has a folder on this machine (not one in another place) can open it here. */
export function canOpenFolder(run: Run): boolean {
  return run.workdir !== null && run.place === null;
}

/** "Opened in code", by the command's own name (the full command line is in its tooltip). */
export function openedWords(result: OpenFolderResult, inBrowser: boolean): string {
  const program = (result.command[0] ?? '').split(/[\\/]/).pop() ?? '';
  const where = inBrowser ? ' on the machine running Switchboard' : '';
  return `Opened in ${program}${where}.`;
}

export function OpenFolderButtons(props: { run: Run }) {
  const api = useApi();
  const inBrowser = useDesktop() === null;
  const { busy, error, act } = useRunAction();
  const [opened, setOpened] = useState<OpenFolderResult | null>(null);
  const open = (app: OpenFolderApp) =>
    void act(async () => {
      setOpened(null);
      const result = await api.call('runs.openFolder', { runId: props.run.id, app });
      setOpened(result);
    });
  const where = inBrowser ? ', on the machine running Switchboard' : '';
  return (
    <div className="open-folder">
      {(['editor', 'terminal'] as const).map((app) => (
        <button
          key={app}
          type="button"
          className="button"
          disabled={busy}
          title={`Opens ${props.run.workdir ?? 'the run folder'}${where}`}
          onClick={() => open(app)}
        >
          {OPEN_FOLDER_LABELS[app]}
        </button>
      ))}
      {opened && (
        <p
          className="open-folder-done"
          role="status"
          title={`${opened.command.join(' ')}\nin ${opened.folder}`}
        >
          {openedWords(opened, inBrowser)}
        </p>
      )}
      <ErrorNote error={error} what="The folder was not opened." />
    </div>
  );
}
