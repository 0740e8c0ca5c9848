// Which command opens a folder: the configured one (with {folder}, or the folder appended for an
// editor), else code, cursor, $VISUAL; a terminal opens in the folder.
import { describe, expect, it } from 'vitest';
import {
  openCommand,
  splitCommandLine,
} from '../../../../src/main/engine/open-folder/open-command';

const none = { editor: null, terminal: null };
const context = (onPath: string[], env: Record<string, string> = {}, platform = 'linux') => ({
  env,
  platform: platform as NodeJS.Platform,
  onPath: (name: string) => onPath.includes(name),
});

describe('splitCommandLine', () => {
  it('splits on spaces and keeps quoted parts together', () => {
    expect(splitCommandLine(`"/Applications/My Editor" --new-window  '{folder}' ""`)).toEqual([
      '/Applications/My Editor',
      '--new-window',
      '{folder}',
      '',
    ]);
  });
});

describe('openCommand', () => {
  it('finds code, then cursor, then $VISUAL, and gives the editor the folder', () => {
    expect(openCommand('editor', none, '/w', context(['cursor', 'code']))).toEqual(['code', '/w']);
    expect(openCommand('editor', none, '/w', context(['cursor']))).toEqual(['cursor', '/w']);
    expect(openCommand('editor', none, '/w', context([], { VISUAL: 'subl -n' }))).toEqual([
      'subl',
      '-n',
      '/w',
    ]);
    expect(openCommand('editor', none, '/w', context([]))).toBeNull();
  });

  it('uses the configured command, with {folder} where it says', () => {
    const settings = { editor: 'idea --line 1 {folder}', terminal: 'kitty --directory={folder}' };
    expect(openCommand('editor', settings, '/a b', context(['code']))).toEqual([
      'idea',
      '--line',
      '1',
      '/a b',
    ]);
    expect(openCommand('terminal', settings, '/a b', context([]))).toEqual([
      'kitty',
      '--directory=/a b',
    ]);
  });

  it("opens the platform's terminal in the folder", () => {
    expect(openCommand('terminal', none, '/w', context(['xterm', 'gnome-terminal']))).toEqual([
      'gnome-terminal',
    ]);
    expect(openCommand('terminal', none, '/w', context([], {}, 'darwin'))).toEqual([
      'open',
      '-a',
      'Terminal',
      '/w',
    ]);
    expect(openCommand('terminal', none, '/w', context([]))).toBeNull();
  });
});
