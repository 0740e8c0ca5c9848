// Reads a folder's own Claude Code settings (.claude/settings.json, .claude/settings.local.json,
// .mcp.json) the way the person needs to judge them: every hook command, MCP server, permission
// rule, helper and environment variable in full, and a hash of the files, so a change asks again.
// CLAUDE.md and harmless display options need no trust.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectSettingItem, ProjectSettingsFile } from '../../../shared/domain';

/** The files Claude Code's project and local setting sources read, relative to the folder. */
export const PROJECT_SETTINGS_FILES = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.mcp.json',
] as const;

/**
 * Settings that run nothing, reach nothing and grant nothing (a model choice changes what a run
 * costs, not what it can do); any other key needs trust.
 */
const HARMLESS_KEYS = new Set([
  '$schema',
  'model',
  'includeCoAuthoredBy',
  'cleanupPeriodDays',
  'outputStyle',
  'spinnerTipsEnabled',
]);

/** Longest file shown; a bigger one is shown cut, and still asked about. */
const MAX_SHOWN_CHARS = 64 * 1024;

export interface ProjectSettingsScan {
  /** True when loading the folder's settings would do more than display options. */
  needsTrust: boolean;
  /** SHA-256 over the files' names and contents (missing files count too). */
  hash: string;
  files: ProjectSettingsFile[];
  items: ProjectSettingItem[];
}

export function scanProjectSettings(folder: string): ProjectSettingsScan {
  const files: ProjectSettingsFile[] = [];
  const items: ProjectSettingItem[] = [];
  const hash = createHash('sha256');
  for (const path of PROJECT_SETTINGS_FILES) {
    const content = readIfPresent(join(folder, path));
    hash.update(JSON.stringify([path, content]));
    if (content === null) continue;
    const found = path === '.mcp.json' ? mcpFileItems(path, content) : settingsItems(path, content);
    if (found.length === 0) continue;
    items.push(...found);
    files.push({
      path,
      content:
        content.length > MAX_SHOWN_CHARS ? `${content.slice(0, MAX_SHOWN_CHARS)}\n…` : content,
    });
  }
  return { needsTrust: items.length > 0, hash: hash.digest('hex'), files, items };
}

function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseObject(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function settingsItems(file: string, content: string): ProjectSettingItem[] {
  const settings = parseObject(content);
  if (settings === null) {
    // Claude Code may still read parts of it: shown whole, and asked about.
    return content.trim() === ''
      ? []
      : [
          {
            file,
            kind: 'other',
            label: 'A settings file that is not a JSON object',
            detail: content,
          },
        ];
  }
  const items: ProjectSettingItem[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (HARMLESS_KEYS.has(key)) continue;
    if (key === 'hooks') items.push(...hookItems(file, value));
    else if (key === 'mcpServers') items.push(...serverItems(file, value));
    else if (key === 'permissions') items.push(...permissionItems(file, value));
    else if (key === 'env' && isObject(value)) {
      for (const [name, setting] of Object.entries(value))
        items.push({
          file,
          kind: 'env',
          label: `Environment variable ${name}`,
          detail: show(setting),
        });
    } else if (key === 'apiKeyHelper' || key.endsWith('Helper') || key === 'statusLine') {
      items.push({ file, kind: 'command', label: key, detail: commandOf(value) });
    } else {
      items.push({ file, kind: 'other', label: key, detail: show(value) });
    }
  }
  return items;
}

function hookItems(file: string, hooks: unknown): ProjectSettingItem[] {
  if (!isObject(hooks)) return [{ file, kind: 'hook', label: 'hooks', detail: show(hooks) }];
  const items: ProjectSettingItem[] = [];
  for (const [event, matchers] of Object.entries(hooks)) {
    const list = Array.isArray(matchers) ? (matchers as unknown[]) : [matchers];
    for (const entry of list) {
      const matcher = isObject(entry) && typeof entry.matcher === 'string' ? entry.matcher : '';
      const inner =
        isObject(entry) && Array.isArray(entry.hooks) ? (entry.hooks as unknown[]) : [entry];
      for (const hook of inner) {
        items.push({
          file,
          kind: 'hook',
          label: `${event} hook${matcher ? ` (for ${matcher})` : ''}`,
          detail: commandOf(hook),
        });
      }
    }
  }
  return items;
}

function serverItems(file: string, servers: unknown): ProjectSettingItem[] {
  if (!isObject(servers))
    return [{ file, kind: 'mcp', label: 'MCP servers', detail: show(servers) }];
  return Object.entries(servers).map(([name, server]) => ({
    file,
    kind: 'mcp' as const,
    label: `MCP server ${name}`,
    detail: commandOf(server),
  }));
}

function permissionItems(file: string, permissions: unknown): ProjectSettingItem[] {
  if (!isObject(permissions))
    return [{ file, kind: 'permissions', label: 'permissions', detail: show(permissions) }];
  return Object.entries(permissions).map(([rule, value]) => ({
    file,
    kind: 'permissions' as const,
    label: `permissions.${rule}`,
    detail: Array.isArray(value) ? value.map(show).join('\n') : show(value),
  }));
}

function mcpFileItems(file: string, content: string): ProjectSettingItem[] {
  const parsed = parseObject(content);
  if (parsed === null) {
    return content.trim() === ''
      ? []
      : [{ file, kind: 'mcp', label: 'An MCP file that is not a JSON object', detail: content }];
  }
  return serverItems(file, parsed.mcpServers ?? parsed);
}

/** A command in full: `command args…` for a process, the URL for a remote server, else JSON. */
function commandOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return show(value);
  if (typeof value.command === 'string') {
    const args = Array.isArray(value.args) ? (value.args as unknown[]).map(show) : [];
    const rest = Object.fromEntries(
      Object.entries(value).filter(([key]) => !['command', 'args', 'type'].includes(key)),
    );
    const extra = Object.keys(rest).length > 0 ? `\n${JSON.stringify(rest, null, 2)}` : '';
    return [value.command, ...args].join(' ') + extra;
  }
  if (typeof value.url === 'string') return `${show(value.type ?? 'remote')} ${value.url}`;
  return show(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
