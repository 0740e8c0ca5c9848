// Splits a session's options into the host-level part a warm spare is prewarmed with and the
// per-session part a claim may carry, or says why this session cannot use a spare.
import type { ClaimOptions, Options } from '@anthropic-ai/claude-agent-sdk';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';

/** Options the SDK fixes at prewarm() that a run may set; any of them means a cold start. */
const COLD_ONLY: { key: keyof Options; reason: string }[] = [
  { key: 'resume', reason: 'it continues an earlier session' },
  { key: 'allowedTools', reason: 'its task allows tools without asking' },
  { key: 'disallowedTools', reason: 'its task disallows tools' },
  { key: 'maxTurns', reason: 'its task has a turn limit' },
  { key: 'maxBudgetUsd', reason: 'its task has a budget' },
  { key: 'allowDangerouslySkipPermissions', reason: 'it bypasses permissions' },
  { key: 'mcpServers', reason: 'its task has its own MCP servers' },
  { key: 'plugins', reason: 'its task has its own skills' },
  { key: 'sandbox', reason: 'its task runs shell commands in the sandbox' },
];

/** What the runner and the spare agree on; callbacks and the abort controller are added apart. */
export type HostOptions = Pick<
  Options,
  | 'env'
  | 'includePartialMessages'
  | 'pathToClaudeCodeExecutable'
  | 'systemPrompt'
  | 'settingSources'
>;

/**
 * The spare is prewarmed loading every setting source; it loads the claiming folder's project
 * settings at the claim, so only a run whose folder may load them (folder trust) claims it.
 */
export const SPARE_SETTING_SOURCES: NonNullable<Options['settingSources']> = [
  'user',
  'project',
  'local',
];

export type SplitOptions =
  { ok: true; host: HostOptions; claim: ClaimOptions } | { ok: false; reason: string };

/**
 * The host-level half of a cold session's options (the same for every run the engine starts
 * with these settings and sign-in), and its claim. The chosen session id is dropped: a claimed
 * session gets its id from Claude Code, and the runner records it from the session's first event.
 */
export function splitSessionOptions(options: Options): SplitOptions {
  for (const { key, reason } of COLD_ONLY) {
    const value = options[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      return { ok: false, reason };
    }
  }
  if (!options.cwd) return { ok: false, reason: 'it has no working folder' };
  const sources = options.settingSources ?? [];
  if (SPARE_SETTING_SOURCES.some((source) => !sources.includes(source))) {
    return { ok: false, reason: "its folder's own Claude Code settings are not loaded" };
  }
  const prompt = options.systemPrompt;
  const preset =
    prompt !== undefined &&
    typeof prompt === 'object' &&
    'type' in prompt &&
    prompt.type === 'preset'
      ? prompt
      : undefined;
  if (prompt !== undefined && !preset) return { ok: false, reason: 'it has its own system prompt' };
  const host: HostOptions = {
    env: options.env,
    includePartialMessages: options.includePartialMessages,
    systemPrompt: { type: 'preset', preset: 'claude_code' },
    settingSources: SPARE_SETTING_SOURCES,
  };
  if (options.pathToClaudeCodeExecutable)
    host.pathToClaudeCodeExecutable = options.pathToClaudeCodeExecutable;
  const claim: ClaimOptions = { cwd: options.cwd };
  if (options.model) claim.model = options.model;
  if (options.permissionMode) claim.permissionMode = options.permissionMode;
  if (preset?.append) claim.appendSystemPrompt = preset.append;
  return { ok: true, host, claim };
}

/**
 * A fingerprint of host-level options: equal fingerprints mean a spare prewarmed with one set
 * can serve the other. It covers the environment (sign-in included, hashed so no secret is kept
 * in the clear here) and the executable's size and modification time, so an updated Claude Code
 * or a new sign-in retires the spare.
 */
export function hostFingerprint(host: HostOptions, extra: Record<string, unknown> = {}): string {
  const env = Object.entries(host.env ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  const executable = host.pathToClaudeCodeExecutable ?? null;
  return createHash('sha256')
    .update(
      JSON.stringify({
        env,
        executable,
        executableStat: executable ? statOf(executable) : null,
        includePartialMessages: host.includePartialMessages ?? false,
        systemPrompt: host.systemPrompt ?? null,
        settingSources: host.settingSources ?? null,
        extra,
      }),
    )
    .digest('hex');
}

function statOf(path: string): [number, number] | null {
  try {
    const stat = statSync(path);
    return [stat.size, stat.mtimeMs];
  } catch {
    return null;
  }
}
