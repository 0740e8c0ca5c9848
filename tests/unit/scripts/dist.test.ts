// `npm run dist` for another OS or CPU: npm installed only this machine's Claude Code package, so
// packaging refuses until the target's is installed, and says how.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Target {
  platform: string;
  arch: string;
}
const SCRIPT = resolve(import.meta.dirname, '../../../scripts/dist.mjs');
const { distTargets, missingClaudeBinaries, signingEnv } = (await import(SCRIPT)) as {
  signingEnv: (env: Record<string, string>) => Record<string, string>;
  distTargets: (args: string[], host?: Target) => Target[];
  missingClaudeBinaries: (targets: Target[], nodeModules: string, version: string) => string | null;
};

const linuxHost = { platform: 'linux', arch: 'x64' };

describe('npm run dist', () => {
  it('packages for this machine by default, or for the platforms and CPUs it is given', () => {
    expect(distTargets([], linuxHost)).toEqual([linuxHost]);
    expect(distTargets(['--mac', '--arm64'], linuxHost)).toEqual([
      { platform: 'darwin', arch: 'arm64' },
    ]);
    expect(distTargets(['--win', '--linux', '--x64', '--arm64'], linuxHost)).toHaveLength(4);
  });

  it('refuses a target whose Claude Code binary is not installed, naming the install', () => {
    const nodeModules = mkdtempSync(join(tmpdir(), 'sb-dist-'));
    const installed = join(nodeModules, '@anthropic-ai/claude-agent-sdk-linux-x64');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'claude'), '');
    expect(missingClaudeBinaries([linuxHost], nodeModules, '0.3.330')).toBeNull();
    const problem = missingClaudeBinaries(
      [linuxHost, { platform: 'win32', arch: 'x64' }],
      nodeModules,
      '0.3.330',
    );
    expect(problem).toContain('win32-x64');
    expect(problem).toContain(
      'npm install --no-save --force @anthropic-ai/claude-agent-sdk-win32-x64@0.3.330',
    );
    expect(problem).not.toContain('linux-x64@');
  });

  it('signs only with an identity given through the environment', () => {
    expect(signingEnv({ PATH: '/bin' })).toEqual({
      PATH: '/bin',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    });
    expect(signingEnv({ CSC_LINK: 'cert.p12' })).toEqual({ CSC_LINK: 'cert.p12' });
  });
});
