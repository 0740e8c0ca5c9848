// The container place tests' image, built here from what this machine has: the SDK's Claude Code
// binary, bash, coreutils and the libraries they load, imported with `podman import` (nothing
// can be pulled here). Also writes the containers.conf podman needs on this machine (runc: crun
// refuses the hybrid cgroups; ulimits no higher than the hard limits here) and names it in
// CONTAINERS_CONF. Built once per Claude Code version; never skips: without podman it fails with
// the fix (`.ci/run` installs it).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ContainerPlaceConfig } from '../../src/shared/domain';

export const TEST_IMAGE_REPO = 'localhost/switchboard-test';
const CONF = join(tmpdir(), 'switchboard-test-containers.conf');
/** Commands the wrapper, the check and the scenarios' Bash calls use inside. */
const COMMANDS = [
  'sh',
  'bash',
  'cat',
  'base64',
  'mkfifo',
  'mktemp',
  'sleep',
  'setsid',
  'kill',
  'ls',
  'env',
  'rm',
  'mkdir',
  'echo',
  'printf',
  'id',
  'head',
  'tail',
  'grep',
  'sed',
  'ps',
  'pwd',
  'true',
  'false',
  'touch',
  'cp',
  'mv',
  'wc',
  'tr',
  'dirname',
  'basename',
  'readlink',
  'uname',
];

/** Writes the containers.conf and names it in this process's CONTAINERS_CONF (children inherit). */
export function useTestContainersConf(): string {
  const hard = (option: string, fallback: string) => {
    const limit = execFileSync('bash', ['-c', `ulimit -H${option}`], { encoding: 'utf8' }).trim();
    return limit === 'unlimited' ? fallback : limit;
  };
  const files = hard('n', '65536');
  // Not the hard limit itself: runc was refused setting nproc that high here (4096 works).
  const processes = String(Math.min(Number(hard('u', '4096')), 4096));
  writeFileSync(
    CONF,
    `[containers]\ndefault_ulimits = ["nofile=${files}:${files}", "nproc=${processes}:${processes}"]\n` +
      `[engine]\nruntime = "runc"\n`,
  );
  process.env.CONTAINERS_CONF = CONF;
  return CONF;
}

function claudeBinary(): { path: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@anthropic-ai/claude-agent-sdk-linux-x64/package.json');
  const path = join(dirname(pkg), 'claude');
  const version = (require(pkg) as { version: string }).version;
  return { path, version };
}

function podman(args: string[], input?: string): string {
  return execFileSync('podman', args, {
    encoding: 'utf8',
    env: process.env,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Builds the image unless this Claude Code version's is already there; returns its name. */
export function ensureTestImage(): string {
  useTestContainersConf();
  try {
    podman(['--version']);
  } catch {
    throw new Error(
      'podman is missing: install it with `apt-get install -y podman runc` (as .ci/run does)',
    );
  }
  const claude = claudeBinary();
  const image = `${TEST_IMAGE_REPO}:${claude.version}`;
  try {
    podman(['image', 'exists', image]);
    return image;
  } catch {
    // Not built yet: build it below.
  }
  const root = mkdtempSync(join(tmpdir(), 'switchboard-image-'));
  try {
    for (const folder of ['usr/bin', 'tmp', 'root', 'etc', 'run']) {
      mkdirSync(join(root, folder), { recursive: true });
    }
    symlinkSync('usr/bin', join(root, 'bin'));
    const libraries = new Set<string>();
    for (const name of COMMANDS) {
      const found = execFileSync('sh', ['-c', `command -v ${name} || true`], { encoding: 'utf8' });
      const path = found.trim();
      if (!path.startsWith('/')) continue;
      copyFileSync(path, join(root, 'usr/bin', name));
      for (const library of sharedLibraries(path)) libraries.add(library);
    }
    for (const library of sharedLibraries(claude.path)) libraries.add(library);
    for (const library of libraries) {
      const target = join(root, library);
      mkdirSync(dirname(target), { recursive: true });
      if (!existsSync(target)) copyFileSync(library, target);
    }
    copyFileSync(claude.path, join(root, 'usr/bin/claude'));
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\n');
    execFileSync(
      'sh',
      [
        '-c',
        `tar -C "$1" -cf - . | podman import --change 'ENV PATH=/usr/bin:/bin' --change 'ENV HOME=/root' - "$2"`,
        'build-image',
        root,
        image,
      ],
      { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return image;
}

/** The libraries `ldd` lists for a program (absolute paths only). */
function sharedLibraries(program: string): string[] {
  let listed: string;
  try {
    listed = execFileSync('ldd', [program], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return [...listed.matchAll(/(\/\S+)/g)].map((match) => match[1] ?? '').filter(Boolean);
}

/** A container place's settings for the test image. */
export function testContainer(image: string, extra: Partial<ContainerPlaceConfig> = {}) {
  return {
    engine: 'podman' as const,
    image,
    claudePath: 'claude',
    mounts: [],
    network: false,
    sealed: false,
    ...extra,
  };
}

/** Names of this machine's running containers that carry Switchboard's label. */
export function switchboardContainers(): string[] {
  return podman(['ps', '-a', '--filter', 'label=switchboard=1', '--format', '{{.Names}}'])
    .split('\n')
    .filter(Boolean);
}

/** Processes inside running Switchboard containers, seen from here: their command lines. */
export function containerProcesses(): string[] {
  return switchboardContainers().flatMap((name) => {
    try {
      return podman(['top', name, 'args']).split('\n').slice(1).filter(Boolean);
    } catch {
      return [];
    }
  });
}
