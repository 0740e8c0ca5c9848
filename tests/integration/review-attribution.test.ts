// Whose change is it, end to end: a run in place whose one Bash command appends to a file, creates
// one and deletes one, while the person (held by the command's approval) adds a line to that same
// file, edits a second one and creates a new one. The diff attributes each file; discard takes back
// only the run's changes (the run's part of the shared file alone); Undo puts the folder back as
// it was before the discard, byte for byte. In a git repository and in a plain folder, with the
// real Claude Code binary, the fake API and real git.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Approval, RunReview } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();

const COMMAND = "printf 'added by the run\\n' >> notes.txt && echo made > made.txt && rm gone.txt";

function makeFolder(kind: 'git' | 'plain'): string {
  const folder = tempDir(`attribution-${kind}`);
  writeFileSync(join(folder, 'notes.txt'), 'first line\n');
  writeFileSync(join(folder, 'second.txt'), 'second as it was\n');
  writeFileSync(join(folder, 'gone.txt'), 'the run deletes this\n');
  writeFileSync(join(folder, 'tool.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(folder, 'tool.sh'), 0o755);
  if (kind === 'git') {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: folder });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Person');
    git('config', 'user.email', 'person@example.com');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
  }
  return folder;
}

/** Every file in the folder (not .git) with its mode and content, or a link's target. */
function folderState(folder: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    if (name === '.git') continue;
    const path = join(folder, name);
    const stat = lstatSync(path);
    state[name] = stat.isSymbolicLink()
      ? `link ${readlinkSync(path)}`
      : `${(stat.mode & 0o777).toString(8)} ${readFileSync(path, 'base64')}`;
  }
  return state;
}

/** A cold Claude Code start takes long on a busy machine: the first request may come late. */
const START_WAIT_MS = 150_000;

function pendingApproval(runId: string, toolName: string): Promise<Approval> {
  return waitFor(
    `a pending ${toolName} approval for ${runId}`,
    async () =>
      (await stack.harness.call('approvals.list', { status: 'pending' })).find(
        (a) => a.runId === runId && a.toolName === toolName,
      ),
    START_WAIT_MS,
  );
}

async function review(runId: string): Promise<RunReview | undefined> {
  return (await stack.harness.call('reviews.list', { runId }))[0];
}

describe.each(['git', 'plain'] as const)('a run in place in a %s folder', (kind) => {
  it('takes back only its own changes, and the discard can be undone byte for byte', async () => {
    const folder = makeFolder(kind);
    const { run } = await startTask(stack.harness, {
      title: `Attribution (${kind})`,
      prompt: `[scenario:bash command=${encodeURIComponent(COMMAND)}]`,
      cwd: folder,
      permissionMode: 'default',
      reviewEachRun: true,
    });
    // The command waits for approval; meanwhile the person works in the same folder.
    const approval = await pendingApproval(run.id, 'Bash');
    writeFileSync(join(folder, 'notes.txt'), 'first line\nthe person’s line\n');
    writeFileSync(join(folder, 'second.txt'), 'second, edited by the person\n');
    writeFileSync(join(folder, 'mine.txt'), 'the person’s new file\n');
    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed'], START_WAIT_MS);
    expect(done.status).toBe('succeeded');
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe(
      'first line\nthe person’s line\nadded by the run\n',
    );

    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    const whose = Object.fromEntries(diff.files.map((f) => [f.path, f.attribution]));
    expect(whose).toEqual({
      'gone.txt': 'run',
      'made.txt': 'run',
      'notes.txt': 'both',
      'second.txt': 'other',
      'mine.txt': 'other',
    });
    const notes = diff.files.find((f) => f.path === 'notes.txt');
    expect(notes?.runPart).toMatchObject({ reversible: true, reason: null });
    // The run's own part of the shared file: its line, not the person's.
    expect(notes?.runPart?.patch).toContain('+added by the run');
    expect(notes?.runPart?.patch).not.toContain('+the person’s line');
    expect(diff.note).toBe('2 files changed while the run was going, not by the run.');
    const opened = await waitFor('the review', async () => {
      const found = await review(run.id);
      return found?.status === 'pending' ? found : undefined;
    });
    // The review counts the run's files only.
    expect(opened.fileCount).toBe(3);

    const before = folderState(folder);
    await stack.harness.call('runs.review', {
      runId: run.id,
      decision: 'discard',
      choices: [{ path: 'notes.txt', choice: 'take_back_run' }],
    });
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('first line\nthe person’s line\n');
    expect(existsSync(join(folder, 'made.txt'))).toBe(false);
    expect(readFileSync(join(folder, 'gone.txt'), 'utf8')).toBe('the run deletes this\n');
    expect(readFileSync(join(folder, 'second.txt'), 'utf8')).toBe('second, edited by the person\n');
    expect(readFileSync(join(folder, 'mine.txt'), 'utf8')).toBe('the person’s new file\n');
    const discarded = await review(run.id);
    expect(discarded?.status).toBe('discarded');
    expect(discarded?.message).toBe(
      'Took back 3 of the run’s changes; 2 files changed by someone else were left as they are.',
    );
    expect(discarded?.undoUntil).toBeGreaterThan(Date.now());

    await stack.harness.call('runs.undoDiscard', { runId: run.id });
    expect(folderState(folder)).toEqual(before);
    const undone = await review(run.id);
    expect(undone?.status).toBe('pending');
    expect(undone?.undoUntil).toBeNull();
    expect(undone?.message).toBe('Undid the discard: put back 3 files as they were before it.');
    await expect(stack.harness.call('runs.undoDiscard', { runId: run.id })).rejects.toThrow(
      /no discard of this run to undo/,
    );
  }, 300_000);
});
