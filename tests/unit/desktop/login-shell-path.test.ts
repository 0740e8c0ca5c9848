// Sessions get the login shell's PATH: parsing the shell's output and merging it with ours, and
// asking a real login shell, which settles by its deadline whatever its start-up files do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loginShellPath,
  mergePaths,
  parseShellPath,
  withLoginShellPath,
} from '../../../src/main/desktop/login-shell-path';

const MARK = '__SWITCHBOARD_PATH__';

describe('login shell PATH', () => {
  it('reads the PATH between the markers, whatever start-up files print around it', () => {
    const output = `Welcome!\nnvm: using node 22\n${MARK}/opt/homebrew/bin:/usr/bin${MARK}\nbye`;
    expect(parseShellPath(output)).toBe('/opt/homebrew/bin:/usr/bin');
    expect(parseShellPath('no markers here')).toBeNull();
    expect(parseShellPath(`${MARK}${MARK}`)).toBeNull();
  });

  it("puts the shell's entries first, keeps ours after, drops duplicates and blanks", () => {
    expect(
      mergePaths(
        '/opt/homebrew/bin:/usr/bin::/bin',
        '/usr/bin:/bin:/Applications/Switchboard.app/bin',
      ),
    ).toBe('/opt/homebrew/bin:/usr/bin:/bin:/Applications/Switchboard.app/bin');
    expect(mergePaths(null, '/usr/bin:/bin')).toBe('/usr/bin:/bin');
    expect(mergePaths('C:\\a;C:\\b', 'C:\\b;C:\\c', ';')).toBe('C:\\a;C:\\b;C:\\c');
  });

  it('merges on macOS and Linux and leaves Windows alone', async () => {
    const ask = () => Promise.resolve('/opt/homebrew/bin:/usr/bin');
    const env = { PATH: '/usr/bin:/bin', SHELL: '/bin/zsh', OTHER: 'kept' };
    expect(await withLoginShellPath(env, 'darwin', ask)).toEqual({
      ...env,
      PATH: '/opt/homebrew/bin:/usr/bin:/bin',
    });
    expect(await withLoginShellPath(env, 'win32', ask)).toBe(env);
    expect(await withLoginShellPath(env, 'linux', () => Promise.resolve(null))).toEqual(env);
  });

  it('asks a real shell', async () => {
    expect(await loginShellPath({ shell: '/bin/sh' })).toMatch(/\/bin/);
  });

  /** A HOME whose bash login profile is `profile`. */
  const homeWith = (profile: string) => {
    const home = mkdtempSync(join(tmpdir(), 'sb-shell-home-'));
    writeFileSync(join(home, '.bash_profile'), profile);
    return { home, env: { ...process.env, HOME: home, PATH: '/usr/bin:/bin' } };
  };
  /** Running (a zombie no one has reaped yet counts as ended). */
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };

  it('gives a start-up file that reads no stdin to wait on', async () => {
    const { env } = homeWith('read -r answer\nexport PATH="/from/profile:$PATH"\n');
    const started = Date.now();
    expect(await loginShellPath({ shell: '/bin/bash', env, timeoutMs: 3_000 })).toMatch(
      /^\/from\/profile:/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('settles by its deadline when a start-up file blocks, and ends what it started', async () => {
    // An interactive shell that ignores SIGTERM and waits on a child for half a minute.
    const { home, env } = homeWith(
      'trap "" TERM\necho $$ > "$HOME/shell.pid"\nsleep 30 &\necho $! > "$HOME/sleep.pid"\nwait\n',
    );
    const started = Date.now();
    expect(await loginShellPath({ shell: '/bin/bash', env, timeoutMs: 500 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    const pids = ['shell.pid', 'sleep.pid'].map((file) =>
      Number(readFileSync(join(home, file), 'utf8').trim()),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pids.filter(alive)).toEqual([]);
  });
});
