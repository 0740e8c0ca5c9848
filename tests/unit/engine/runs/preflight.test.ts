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

  it("checks the sandbox's programs where a task runs its shell commands in it", () => {
    const bin = tempDir('sandbox-bin');
    const sandboxed = { cwd: tempDir('sandboxed'), sandbox: true };
    const check = (platform: NodeJS.Platform) =>
      checkBeforeStart({ task: sandboxed, settings: noExecutable, path: bin, platform });
    expect(check('linux').problems).toEqual([
      {
        code: 'sandbox_unavailable',
        message: 'The sandbox for shell commands needs bwrap and socat, not found on this machine.',
        fix: 'Install bubblewrap and socat (on Debian or Ubuntu: apt install bubblewrap socat), or edit the task and turn the sandbox off.',
        place: 'task',
      },
    ]);
    for (const program of ['bwrap', 'socat']) {
      writeFileSync(join(bin, program), '#!/bin/sh\n');
      chmodSync(join(bin, program), 0o755);
    }
    expect(check('linux')).toEqual({ ok: true, problems: [] });
    expect(check('darwin')).toEqual({ ok: true, problems: [] });
    expect(check('win32').problems[0]?.code).toBe('sandbox_unavailable');
    // A task without the sandbox needs none of it.
    expect(
      checkBeforeStart({
        task: { cwd: sandboxed.cwd, sandbox: false },
        settings: noExecutable,
        path: tempDir('empty-bin'),
        platform: 'linux',
      }).ok,
    ).toBe(true);
  });
});
