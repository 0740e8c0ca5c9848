// Sessions get the login shell's PATH: parsing the shell's output and merging it with ours.
import { execFile } from 'node:child_process';
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

  it('asks a real shell, and gives up on one that hangs', async () => {
    expect(await loginShellPath({ shell: '/bin/sh' })).toMatch(/\/bin/);
    const started = Date.now();
    const hanging = await loginShellPath({
      shell: '/bin/sh',
      timeoutMs: 300,
      // A shell that never prints the PATH: sleep stands in, killed by the timeout.
      run: ((file: string, _args: string[], options: object, callback: never) =>
        execFile(file, ['-c', 'sleep 5'], options, callback)) as typeof execFile,
    });
    expect(hanging).toBeNull();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
