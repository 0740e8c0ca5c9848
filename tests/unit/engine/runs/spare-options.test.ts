import { describe, expect, it } from 'vitest';
import {
  hostFingerprint,
  splitSessionOptions,
} from '../../../../src/main/engine/runs/spare-options';

const base = {
  cwd: '/work/folder',
  includePartialMessages: true,
  env: { PATH: '/bin', ANTHROPIC_API_KEY: 'k1' },
  systemPrompt: { type: 'preset' as const, preset: 'claude_code' as const, append: 'Be brief.' },
  permissionMode: 'acceptEdits' as const,
  model: 'claude-sonnet-4-5',
  sessionId: '00000000-0000-4000-8000-000000000000',
  settingSources: ['user' as const, 'project' as const, 'local' as const],
};

describe('splitting session options for the warm spare', () => {
  it('moves the per-session options into the claim and keeps the rest host-level', () => {
    const split = splitSessionOptions(base);
    expect(split).toEqual({
      ok: true,
      host: {
        env: base.env,
        includePartialMessages: true,
        systemPrompt: { type: 'preset', preset: 'claude_code' },
        settingSources: ['user', 'project', 'local'],
      },
      claim: {
        cwd: '/work/folder',
        model: 'claude-sonnet-4-5',
        permissionMode: 'acceptEdits',
        appendSystemPrompt: 'Be brief.',
      },
    });
  });

  it('names what keeps a run cold', () => {
    expect(splitSessionOptions({ ...base, resume: 'abc' })).toEqual({
      ok: false,
      reason: 'it continues an earlier session',
    });
    expect(splitSessionOptions({ ...base, allowedTools: ['Bash'] })).toMatchObject({ ok: false });
    expect(splitSessionOptions({ ...base, allowedTools: [] })).toMatchObject({ ok: true });
    expect(splitSessionOptions({ ...base, maxBudgetUsd: 1 })).toMatchObject({ ok: false });
    // The spare's MCP servers were fixed when it was prewarmed.
    expect(
      splitSessionOptions({ ...base, mcpServers: { echo: { command: 'echo-server' } } }),
    ).toEqual({ ok: false, reason: 'its task has its own MCP servers' });
    expect(splitSessionOptions({ ...base, allowDangerouslySkipPermissions: true })).toMatchObject({
      ok: false,
      reason: 'it bypasses permissions',
    });
    // The spare was prewarmed without a sandbox: a sandboxed run never runs on it unsandboxed.
    expect(splitSessionOptions({ ...base, sandbox: { enabled: true } })).toEqual({
      ok: false,
      reason: 'its task runs shell commands in the sandbox',
    });
    // The spare loads the claiming folder's settings: a run that may not load them starts cold.
    expect(splitSessionOptions({ ...base, settingSources: ['user'] })).toEqual({
      ok: false,
      reason: "its folder's own Claude Code settings are not loaded",
    });
    expect(splitSessionOptions({ ...base, settingSources: undefined })).toMatchObject({
      ok: false,
    });
  });

  it('fingerprints the sign-in and settings, not the order of the environment', () => {
    const split = splitSessionOptions(base);
    if (!split.ok) throw new Error(split.reason);
    const same = hostFingerprint({ ...split.host, env: { ANTHROPIC_API_KEY: 'k1', PATH: '/bin' } });
    expect(hostFingerprint(split.host)).toBe(same);
    expect(
      hostFingerprint({ ...split.host, env: { ...base.env, ANTHROPIC_API_KEY: 'k2' } }),
    ).not.toBe(same);
    expect(hostFingerprint(split.host, { lowerPriority: true })).not.toBe(same);
    expect(hostFingerprint(split.host)).not.toContain('k1');
    expect(hostFingerprint({ ...split.host, settingSources: ['user'] })).not.toBe(same);
  });
});
