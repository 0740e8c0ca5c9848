// A real OpenSSH server for integration tests, provisioned by the test itself: its own sshd on a
// free 127.0.0.1 port with a temporary config and host key, a local far-side user (created when
// missing, as root), a client key, the SDK's Claude Code binary and a work folder for that user.
// Never skips: without sshd or root it fails with the fix (`.ci/run` installs and prepares both).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SshPlaceConfig } from '../../src/shared/domain';
import { freePort } from './free-port';
import { tempDir } from './claude-env';

/** The far side's account: a plain local user, never the one the tests run as. */
export const FAR_USER = 'switchboard-far';
const SSHD = '/usr/sbin/sshd';
const FIX = 'install it with `apt-get install -y openssh-server` (as .ci/run does)';

export interface TestSshd {
  port: number;
  user: string;
  uid: number;
  /** The client's private key for `auth: 'key'`. */
  keyPath: string;
  /** Claude Code as copied for the far user. */
  claudePath: string;
  /** A fresh folder the far user owns. */
  newFolder(): string;
  /** A place's SSH settings for this server. */
  config(folder: string): SshPlaceConfig;
  /** The far user's processes right now: pid and command line. */
  farProcesses(): { pid: number; command: string }[];
  /** Restarts sshd on the same port with a new host key (a reinstalled or impostor host). */
  rotateHostKey(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How long a file waits for another to finish with the far user: its beforeAll needs at least
 * this long (two files run at once).
 */
export const SSHD_WAIT_MS = 15 * 60_000;
const LOCK = '/tmp/switchboard-test-far-user.lock';

/**
 * One test server at a time: every file shares the far user, counts all of its processes and kills
 * them when it stops. A lock held by a process that is gone is taken over.
 */
async function lockFarUser(): Promise<() => void> {
  const deadline = Date.now() + SSHD_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!lockHolderAlive()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Another test file held the SSH test server (${LOCK}) for too long.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function lockHolderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
  } catch {
    return true; // Just made; its pid is on its way.
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startTestSshd(): Promise<TestSshd> {
  for (const tool of [SSHD, '/usr/bin/ssh', '/usr/bin/ssh-keyscan', '/usr/bin/ssh-keygen']) {
    if (!existsSync(tool)) throw new Error(`The SSH place tests need ${tool}: ${FIX}.`);
  }
  const unlock = await lockFarUser();
  try {
    return await serverFor(unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function serverFor(unlock: () => void): Promise<TestSshd> {
  const uid = ensureFarUser();
  const dir = tempDir('sshd');
  chmodSync(dir, 0o755);
  const keyPath = join(dir, 'client_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${keyPath}.pub`), { mode: 0o644 });
  chmodSync(join(dir, 'authorized_keys'), 0o644);
  const claudePath = farClaude(dir);
  // sshd's privilege separation folder; the system's own sshd creates it at boot.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const hostKey = join(dir, 'host_key');
  const newHostKey = () => {
    execFileSync('rm', ['-f', hostKey, `${hostKey}.pub`]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  };
  newHostKey();
  const configFile = join(dir, 'sshd_config');
  writeFileSync(
    configFile,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `AllowUsers ${FAR_USER}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'UsePAM no',
      // The key files live in a temporary folder under /tmp, which is world-writable.
      'StrictModes no',
      'PermitRootLogin no',
      'AllowTcpForwarding yes',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  let sshd = await startSshd(configFile, port);
  const folders: string[] = [];
  const farProcesses = () => processesOf(uid);
  return {
    port,
    user: FAR_USER,
    uid,
    keyPath,
    claudePath,
    newFolder() {
      const folder = tempDir('far-work');
      chownSync(folder, uid, uid);
      folders.push(folder);
      return folder;
    },
    config: (folder) => ({
      host: '127.0.0.1',
      user: FAR_USER,
      port,
      auth: 'key',
      keyPath,
      claudePath,
      folder,
    }),
    farProcesses,
    async rotateHostKey() {
      await stopChild(sshd);
      newHostKey();
      sshd = await startSshd(configFile, port);
    },
    async stop() {
      await stopChild(sshd);
      // Whatever a failed test left on the far side (all of it started by these tests).
      for (const { pid } of farProcesses()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      // The copy of Claude Code is big: nothing of the server stays behind.
      for (const folder of [dir, ...folders]) rmSync(folder, { recursive: true, force: true });
      unlock();
    },
  };
}

/** The far user's uid; the account is created (as root) when missing, with a usable login. */
function ensureFarUser(): number {
  const existing = uidOf(FAR_USER);
  if (existing !== null) return existing;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The SSH place tests need a local user ${FAR_USER}: run them as root (as CI does), or create it with \`useradd -m -s /bin/bash ${FAR_USER} && usermod -p '*' ${FAR_USER}\`.`,
    );
  }
  execFileSync('useradd', ['-m', '-s', '/bin/bash', FAR_USER]);
  // A new account is locked ('!'), which sshd refuses outright when it runs without PAM.
  execFileSync('usermod', ['-p', '*', FAR_USER]);
  const uid = uidOf(FAR_USER);
  if (uid === null) throw new Error(`useradd did not create ${FAR_USER}`);
  return uid;
}

function uidOf(user: string): number | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${user}:`));
  const uid = line?.split(':')[2];
  return uid === undefined ? null : Number(uid);
}

/** The SDK's Claude Code binary where the far user can run it (a hard link, or a copy). */
function farClaude(dir: string): string {
  const require = createRequire(import.meta.url);
  const source = join(
    dirname(require.resolve('@anthropic-ai/claude-agent-sdk-linux-x64/package.json')),
    'claude',
  );
  const bin = join(dir, 'bin');
  mkdirSync(bin, { mode: 0o755 });
  const target = join(bin, 'claude');
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
  chmodSync(target, 0o755);
  return target;
}

async function startSshd(configFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(SSHD, ['-D', '-e', '-f', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited at start: ${stderr}`);
    if (await accepts(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within 10 s: ${stderr}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function processesOf(uid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const realUid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(realUid) !== uid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.push({ pid: Number(entry), command });
    } catch {
      // Ended while being read.
    }
  }
  return found;
}
