// "Open in editor" / "Open in terminal": the engine starts the configured command on the run's
// folder, on this machine. A stand-in editor (a real Node script) records the arguments and the
// folder it was started in; refusals say why in words.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { waitFor } from '../support/serve-process';
import { seed } from '../support/store-fixtures';

let harness: EngineHarness;
const scratch = tempDir('open-folder');
const recorder = join(scratch, 'record.cjs');
writeFileSync(
  recorder,
  `require('node:fs').writeFileSync(process.argv[2], JSON.stringify({ argv: process.argv.slice(3), cwd: process.cwd() }));\n`,
);

beforeAll(async () => {
  // No Claude Code run is needed: the run is a stored record with a folder.
  harness = await startEngine('http://127.0.0.1:9');
});

afterAll(async () => {
  await harness.stop();
});

function runIn(folder: string | null): string {
  const store = harness.engine.services.store;
  const runId = seed(store, Date.now(), 0);
  if (folder !== null) store.runs.update(runId, { workdir: folder });
  return runId;
}

async function recorded(file: string): Promise<{ argv: string[]; cwd: string }> {
  await waitFor(`${file} to be written`, () => existsSync(file));
  return JSON.parse(readFileSync(file, 'utf8')) as { argv: string[]; cwd: string };
}

describe('runs.openFolder', () => {
  it("starts the configured editor with the run's folder, and a terminal in it", async () => {
    const folder = tempDir('run folder');
    const runId = runIn(folder);
    const editorOut = join(scratch, 'editor.json');
    const terminalOut = join(scratch, 'terminal.json');
    await harness.call('settings.update', {
      openIn: {
        editor: `"${process.execPath}" "${recorder}" "${editorOut}" --new-window`,
        terminal: `"${process.execPath}" "${recorder}" "${terminalOut}" --cwd={folder}`,
      },
    });
    const editor = await harness.call('runs.openFolder', { runId, app: 'editor' });
    expect(editor).toEqual({
      folder,
      command: [process.execPath, recorder, editorOut, '--new-window', folder],
    });
    expect(await recorded(editorOut)).toEqual({ argv: ['--new-window', folder], cwd: folder });

    await harness.call('runs.openFolder', { runId, app: 'terminal' });
    expect(await recorded(terminalOut)).toEqual({ argv: [`--cwd=${folder}`], cwd: folder });
  });

  it('says why it cannot: a folder that is gone, a command that does not start', async () => {
    const folder = tempDir('gone');
    const runId = runIn(folder);
    await harness.call('settings.update', {
      openIn: { editor: join(scratch, 'no-such-editor'), terminal: null },
    });
    await expect(harness.call('runs.openFolder', { runId, app: 'editor' })).rejects.toThrow(
      /Could not start an editor with .*no-such-editor: spawn .* ENOENT/,
    );
    rmSync(folder, { recursive: true });
    await expect(harness.call('runs.openFolder', { runId, app: 'editor' })).rejects.toThrow(
      /conflict: The folder this run worked in, .*gone.*, no longer exists/,
    );
    await expect(
      harness.call('runs.openFolder', { runId: runIn(null), app: 'terminal' }),
    ).rejects.toThrow(/has not started yet/);
  });
});
