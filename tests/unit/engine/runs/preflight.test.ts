// The pre-start check against real folders and files: a gone or wrong folder, a conversation's
// gone folder, a Claude Code path that is not an executable — each said as cause and fix.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertReady,
  checkBeforeStart,
  describeProblem,
} from '../../../../src/main/engine/runs/preflight';
import { tempDir } from '../../../support/claude-env';

const noExecutable = { claudeExecutablePath: null };

describe('checkBeforeStart', () => {
  it('passes a task whose folder exists', () => {
    expect(checkBeforeStart({ task: { cwd: tempDir('ok') }, settings: noExecutable })).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('says a deleted folder is gone, and how to fix it', () => {
    const dir = tempDir('gone');
    rmSync(dir, { recursive: true });
    const check = checkBeforeStart({ task: { cwd: dir }, settings: noExecutable });
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => [p.code, p.place])).toEqual([['folder_missing', 'task']]);
    expect(check.problems[0] && describeProblem(check.problems[0])).toBe(
      `The folder ${dir} is gone. — Edit the task and choose its folder again, or restore the folder.`,
    );
    expect(() => assertReady(check)).toThrow(`The folder ${dir} is gone.`);
  });

  it('tells a file from a folder, and checks the conversation folder of a follow-up', () => {
    const dir = tempDir('file');
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    expect(
      checkBeforeStart({ task: { cwd: file }, settings: noExecutable }).problems[0]?.code,
    ).toBe('not_a_folder');
    const worktree = join(dir, 'worktree-gone');
    expect(
      checkBeforeStart({ task: { cwd: dir }, workdir: worktree, settings: noExecutable })
        .problems[0]?.code,
    ).toBe('workdir_missing');
  });

  it('checks a configured Claude Code path is an executable file', () => {
    const dir = tempDir('exe');
    const missing = join(dir, 'claude');
    const check = (path: string) =>
      checkBeforeStart({ task: { cwd: dir }, settings: { claudeExecutablePath: path } }).problems;
    expect(check(missing).map((p) => [p.code, p.place])).toEqual([
      ['executable_missing', 'settings'],
    ]);
    writeFileSync(missing, '#!/bin/sh\n');
    expect(check(missing)).toHaveLength(1);
    chmodSync(missing, 0o755);
    expect(check(missing)).toEqual([]);
    mkdirSync(join(dir, 'a-folder'));
    expect(check(join(dir, 'a-folder'))).toHaveLength(1);
  });
});
