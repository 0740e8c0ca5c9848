// How a run is started in a container, without starting anything: the podman command line (never
// pulls, no signal proxy, a name and this engine's label, the task's folder at the same path, the
// mounts, no network), and what crosses into the container (Claude Code's settings, the run's
// secrets, the sandbox flag only when sealed, the relayed API socket), as the first line of input.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SpawnFunction } from '../../../../src/main/engine/lifecycle/claude-process';
import {
  API_SOCKET_DIR,
  containerRunArgs,
  describeContainer,
  engineTag,
} from '../../../../src/main/engine/places/container-command';
import { spawnInContainer } from '../../../../src/main/engine/places/container-spawn';
import { FAR_WRAPPER } from '../../../../src/main/engine/places/far-wrapper';
import type { ContainerPlaceConfig } from '../../../../src/shared/domain';

const container: ContainerPlaceConfig = {
  engine: 'podman',
  image: 'localhost/claude:2',
  claudePath: 'claude',
  mounts: [
    { hostPath: '/srv/cache', containerPath: '/cache', readOnly: true },
    { hostPath: '/srv/out', containerPath: '/out', readOnly: false },
  ],
  network: false,
  sealed: false,
};

function recordingSpawn() {
  const calls: { command: string; args: string[]; env: Record<string, string> }[] = [];
  let written = '';
  const children: EventEmitter[] = [];
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
    children.push(child);
    return child;
  }) as unknown as SpawnFunction;
  return { spawn, calls, children, written: () => written };
}

const hooks = { onSpawn: () => undefined, onExit: () => undefined, onStderr: () => undefined };

function decoded(line: string): string {
  return Buffer.from(line.trim(), 'base64').toString('utf8');
}

describe('the container command line', () => {
  const args = containerRunArgs(
    {
      container,
      folder: '/home/me/repo',
      name: 'switchboard-abc',
      engineTag: 'tag1',
      claudeHome: '/data/places/p1/claude',
      apiSocketDir: '/tmp/switchboard-api-1',
    },
    ['--output-format', 'stream-json'],
  );

  it('never pulls, ends with its client, and is named and labelled for cleanup', () => {
    expect(args.slice(0, 4)).toEqual(['run', '-i', '--rm', '--pull=never']);
    expect(args).toContain('--sig-proxy=false');
    expect(args.join(' ')).toContain('--name switchboard-abc');
    expect(args.join(' ')).toContain('--label switchboard=1 --label switchboard.engine=tag1');
  });

  it('mounts the task folder at the same path, the mounts as asked, and no network', () => {
    const line = args.join(' ');
    expect(line).toContain('-v /home/me/repo:/home/me/repo -w /home/me/repo');
    expect(line).toContain('-v /srv/cache:/cache:ro');
    expect(line).toContain('-v /srv/out:/out ');
    expect(line).toContain(`-v /tmp/switchboard-api-1:${API_SOCKET_DIR}`);
    expect(args).toContain('--network=none');
    expect(containerRunArgs({ ...sessionOf(true) }, []).join(' ')).not.toContain('--network');
  });

  it('runs the wrapper with the folder, Claude Code and its arguments after the image', () => {
    const at = args.indexOf('localhost/claude:2');
    expect(args.slice(at + 1)).toEqual([
      '-c',
      FAR_WRAPPER,
      'switchboard-wrapper',
      '/home/me/repo',
      'claude',
      '--output-format',
      'stream-json',
    ]);
    expect(describeContainer(container)).toBe('podman localhost/claude:2 (no network)');
    expect(engineTag('/a')).not.toBe(engineTag('/b'));
  });
});

function sessionOf(network: boolean) {
  return {
    container: { ...container, network },
    folder: '/r',
    name: 'n',
    engineTag: 't',
    claudeHome: '/h',
    apiSocketDir: null,
  };
}

describe('what crosses into the container', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/me',
    CONTAINERS_CONF: '/etc/c.conf',
    ANTHROPIC_API_KEY: 'sk-secret',
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000',
    GITHUB_TOKEN: 'gh-secret',
    OTHER: 'stays here',
    IS_SANDBOX: '1',
  };

  function start(config: ContainerPlaceConfig) {
    const recorder = recordingSpawn();
    spawnInContainer(
      recorder.spawn,
      { command: 'claude', args: ['--verbose'], env, signal: new AbortController().signal },
      {
        container: config,
        folder: '/home/me/repo',
        engineTag: 't',
        claudeHome: join(mkdtempSync(join(tmpdir(), 'sb-home-')), 'claude'),
        forward: ['GITHUB_TOKEN'],
      },
      hooks,
    );
    return recorder;
  }

  it('sends the settings and secrets as the first input line, never in argv', () => {
    const { calls, written, children } = start(container);
    const call = calls[0];
    expect(call?.command).toBe('podman');
    expect(call?.args.join(' ')).not.toContain('secret');
    expect(call?.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      CONTAINERS_CONF: '/etc/c.conf',
    });
    const script = decoded(written());
    expect(script).toContain("export ANTHROPIC_API_KEY='sk-secret'");
    expect(script).toContain("export GITHUB_TOKEN='gh-secret'");
    expect(script).toContain("export ANTHROPIC_UNIX_SOCKET='/run/switchboard-api/api.sock'");
    expect(script).toContain("export CLAUDE_CONFIG_DIR='/switchboard/claude'");
    expect(script).not.toContain('OTHER');
    // Not sealed: this machine's sandbox flag does not cross.
    expect(script).not.toContain('IS_SANDBOX');
    // The relay's socket folder is mounted, and goes away when the client ends.
    const mounted = call?.args.find((arg) => arg.endsWith(`:${API_SOCKET_DIR}`)) ?? '';
    const folder = mounted.split(':')[0] ?? '';
    expect(existsSync(join(folder, 'api.sock'))).toBe(true);
    children[0]?.emit('exit', 0, null);
    expect(existsSync(folder)).toBe(false);
  });

  it('sets the sandbox flag only in a sealed place', () => {
    const { written } = start({ ...container, sealed: true });
    expect(decoded(written())).toContain("export IS_SANDBOX='1'");
  });

  it('lets a container with a network reach a remote API itself', () => {
    const recorder = recordingSpawn();
    spawnInContainer(
      recorder.spawn,
      {
        command: 'claude',
        args: [],
        env: { ...env, ANTHROPIC_BASE_URL: 'https://api.example.com' },
        signal: new AbortController().signal,
      },
      {
        container: { ...container, network: true },
        folder: '/r',
        engineTag: 't',
        claudeHome: join(mkdtempSync(join(tmpdir(), 'sb-home-')), 'claude'),
        forward: [],
      },
      hooks,
    );
    expect(decoded(recorder.written())).not.toContain('ANTHROPIC_UNIX_SOCKET');
    expect(recorder.calls[0]?.args.join(' ')).not.toContain(API_SOCKET_DIR);
  });
});
