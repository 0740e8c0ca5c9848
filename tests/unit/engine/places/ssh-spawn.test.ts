// How a run is started over SSH, without starting anything: the ssh command line (strict host
// keys, no prompts, the wrapper), what crosses to the far side (only Claude Code's settings and
// the run's secrets, as the first line of input, never in argv) and the reverse tunnel to a local
// API endpoint.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SpawnFunction } from '../../../../src/main/engine/lifecycle/claude-process';
import { environmentLine, FAR_WRAPPER } from '../../../../src/main/engine/places/far-wrapper';
import { sshArgs } from '../../../../src/main/engine/places/ssh-command';
import {
  claudeArguments,
  farEnvironment,
  spawnOverSsh,
} from '../../../../src/main/engine/places/ssh-spawn';
import type { SshPlaceConfig } from '../../../../src/shared/domain';

const ssh: SshPlaceConfig = {
  host: 'build.example',
  user: 'alice',
  port: 2222,
  auth: 'key',
  keyPath: '/home/me/.ssh/id_ed25519',
  claudePath: '~/.local/bin/claude',
  folder: '/srv/repo',
};
const target = { ssh, knownHostsFile: '/data/places/place_1.known_hosts' };

function decoded(line: string): string {
  expect(line.endsWith('\n')).toBe(true);
  expect(line.trimEnd()).not.toContain('\n');
  return Buffer.from(line.trim(), 'base64').toString('utf8');
}

/** A spawn that records what it was asked and what was written to the child's input. */
function recordingSpawn() {
  const calls: { command: string; args: string[]; env: Record<string, string> }[] = [];
  let written = '';
  const spawn = ((command: string, args: string[], options: { env: Record<string, string> }) => {
    calls.push({ command, args, env: options.env });
    const child = Object.assign(new EventEmitter(), {
      pid: undefined,
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      exitCode: null,
      signalCode: null,
    });
    child.stdin.on('data', (chunk: Buffer) => (written += chunk.toString()));
    return child;
  }) as unknown as SpawnFunction;
  return { spawn, calls, written: () => written };
}

const hooks = { onSpawn: () => undefined, onExit: () => undefined, onStderr: () => undefined };

describe('the ssh command line', () => {
  it('checks the host key strictly against the accepted one and never prompts', () => {
    const args = sshArgs(target).join(' ');
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('StrictHostKeyChecking=yes');
    expect(args).toContain('UserKnownHostsFile=/data/places/place_1.known_hosts');
    expect(args).toContain('GlobalKnownHostsFile=/dev/null');
    expect(args).toContain('-p 2222 -l alice');
    expect(args).toContain('-i /home/me/.ssh/id_ed25519 -o IdentitiesOnly=yes');
  });

  it('uses the agent when the place says so', () => {
    const args = sshArgs({ ...target, ssh: { ...ssh, auth: 'agent', keyPath: null } });
    expect(args).not.toContain('-i');
  });
});

describe('a session over ssh', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/me',
    SSH_AUTH_SOCK: '/run/agent.sock',
    CLAUDE_CONFIG_DIR: '/home/me/.claude-local',
    ANTHROPIC_API_KEY: 'sk-secret-key',
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:4545',
    CLAUDE_CODE_ENTRYPOINT: 'sdk-ts',
    GITHUB_TOKEN: 'ghp-secret',
    UNRELATED: 'x',
  };

  it('sends the environment as the first line of input, never in a command line', () => {
    const { spawn, calls, written } = recordingSpawn();
    spawnOverSsh(
      spawn,
      {
        command: '/sdk/claude',
        args: ['--output-format', 'stream-json'],
        cwd: '/srv/repo',
        env,
        signal: new AbortController().signal,
      },
      { target, forward: ['GITHUB_TOKEN'], tunnelPort: () => 31_337 },
      hooks,
    );
    const [call] = calls;
    expect(call?.command).toBe('ssh');
    const argv = (call?.args ?? []).join('\n');
    expect(argv).not.toContain('sk-secret-key');
    expect(argv).not.toContain('ghp-secret');
    // ssh itself gets what it needs to connect, not the secrets.
    expect(call?.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      SSH_AUTH_SOCK: '/run/agent.sock',
    });
    // The far side's command: the wrapper with the folder, Claude Code and its arguments.
    const remote = call?.args.at(-1) ?? '';
    expect(call?.args.at(-2)).toBe('build.example');
    expect(remote.startsWith("'sh' '-c' 'sb_die()")).toBe(true);
    expect(
      remote.endsWith("'/srv/repo' '~/.local/bin/claude' '--output-format' 'stream-json'"),
    ).toBe(true);
    // A local endpoint is reached through a reverse tunnel on the far side.
    expect(argv).toContain('-R\n127.0.0.1:31337:127.0.0.1:4545');
    const script = decoded(written());
    expect(script).toContain("export ANTHROPIC_API_KEY='sk-secret-key'");
    expect(script).toContain("export GITHUB_TOKEN='ghp-secret'");
    expect(script).toContain("export ANTHROPIC_BASE_URL='http://127.0.0.1:31337'");
    expect(script).not.toContain('CLAUDE_CONFIG_DIR');
    expect(script).not.toContain('PATH');
    expect(script).not.toContain('UNRELATED');
  });

  it('forwards only Claude Code settings and the named secrets', () => {
    expect(Object.keys(farEnvironment(env, ['GITHUB_TOKEN'])).sort()).toEqual([
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_BASE_URL',
      'CLAUDE_CODE_ENTRYPOINT',
      'GITHUB_TOKEN',
    ]);
  });

  it('starts Claude Code itself, not the script the SDK would hand to node', () => {
    expect(claudeArguments({ command: 'node', args: ['/sdk/cli.js', '--verbose'] })).toEqual([
      '--verbose',
    ]);
    expect(claudeArguments({ command: '/sdk/claude', args: ['--verbose'] })).toEqual(['--verbose']);
  });
});

describe('the environment line', () => {
  it('quotes every value for the shell, quotes and newlines included', () => {
    const script = decoded(environmentLine({ A: "it's", B: 'one\ntwo', 'BAD NAME': 'x' }));
    expect(script).toBe(`export A='it'\\''s'\nexport B='one\ntwo'\n`);
  });

  it('is read by the wrapper before anything else', () => {
    expect(FAR_WRAPPER).toMatch(/^sb_die[^\n]*\nsb_home[^\n]*\nIFS= read -r sb_env/);
  });
});
