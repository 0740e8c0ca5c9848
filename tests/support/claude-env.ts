// The environment that points the real Claude Code binary at the fake Anthropic API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function claudeEnv(fakeUrl: string): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: fakeUrl,
    ANTHROPIC_API_KEY: 'sk-ant-test-not-a-real-key',
    CLAUDE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'sb-claude-config-')),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
}

/** A claude.ai plan login instead of an API key: Claude Code then reads the plan's rate limits. */
export const PLAN_LOGIN_ENV: Record<string, string | undefined> = {
  ANTHROPIC_API_KEY: undefined,
  CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-fake-plan-login',
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sb-${prefix}-`));
}
