// "Test this place": reaches the host, checks its key against the accepted one, logs in, finds
// Claude Code and its version, checks the folder and the tools the wrapper needs, and says in
// plain words what is missing.
import { execFile } from 'node:child_process';
import type { PlaceCheck, SshPlaceConfig } from '../../../shared/domain';
import { isChangedKeyError, scanHostKey, type ScannedKey } from './host-keys';
import { remoteInvocation, type SshTarget } from './ssh-command';

/** Runs on the far side with the Claude Code path and the folder; prints one finding a line. */
export const CHECK_SCRIPT = `sb_home() { case "$1" in "~/"*) printf '%s/%s' "$HOME" "\${1#\\~/}" ;; "~") printf '%s' "$HOME" ;; *) printf '%s' "$1" ;; esac; }
c=$(sb_home "$1"); d=$(sb_home "$2")
if command -v "$c" >/dev/null 2>&1; then
  if v=$("$c" --version 2>&1); then printf '%s\\n' "$v" | { IFS= read -r l; printf 'claude-version %s\\n' "$l"; }
  else printf '%s\\n' "$v" | { IFS= read -r l; printf 'claude-broken %s\\n' "$l"; }; fi
else echo claude-missing; fi
if [ -d "$d" ]; then if [ -w "$d" ]; then echo folder-ok; else echo folder-readonly; fi; else echo folder-missing; fi
for t in base64 mkfifo mktemp cat; do command -v "$t" >/dev/null 2>&1 || echo "tool-missing $t"; done
`;

export interface PlaceCheckInput {
  ssh: SshPlaceConfig;
  acceptedFingerprint: string | null;
  /** Writes the accepted key where ssh reads it; null when none is accepted. */
  knownHostsFile: string | null;
  env: Record<string, string | undefined>;
  clock?: () => number;
}

export async function checkSshPlace(input: PlaceCheckInput): Promise<PlaceCheck> {
  const clock = input.clock ?? Date.now;
  const started = clock();
  const { ssh } = input;
  const done = (check: Omit<PlaceCheck, 'tookMs' | 'ok'>): PlaceCheck => ({
    ...check,
    ok: check.problems.length === 0,
    tookMs: clock() - started,
  });
  const scanned: ScannedKey | null = await scanHostKey(ssh.host, ssh.port);
  if (!scanned) {
    return done({
      problems: [
        `Nothing answered at ${ssh.host} port ${ssh.port}: check that the host is up, that the name is right and that its SSH server listens on that port.`,
      ],
      hostKey: { status: 'unreachable', fingerprint: null },
      claudeVersion: null,
    });
  }
  if (input.acceptedFingerprint === null || input.knownHostsFile === null) {
    return done({
      problems: [
        `This is the first connection to ${ssh.host}. Its key's fingerprint is ${scanned.fingerprint}: check it with the host's owner (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub there), then accept it.`,
      ],
      hostKey: { status: 'unknown', fingerprint: scanned.fingerprint },
      claudeVersion: null,
    });
  }
  if (scanned.fingerprint !== input.acceptedFingerprint) {
    return done({
      problems: [changedKeyMessage(ssh.host, input.acceptedFingerprint, scanned.fingerprint)],
      hostKey: { status: 'changed', fingerprint: scanned.fingerprint },
      claudeVersion: null,
    });
  }
  const target: SshTarget = { ssh, knownHostsFile: input.knownHostsFile };
  const result = await runSsh(target, input.env);
  if (result.code === 255 || result.code === null) {
    return done({
      problems: [loginProblem(ssh, result.stderr, input.acceptedFingerprint)],
      hostKey: {
        status: isChangedKeyError(result.stderr) ? 'changed' : 'trusted',
        fingerprint: scanned.fingerprint,
      },
      claudeVersion: null,
    });
  }
  return done({
    ...readFindings(ssh, result.stdout),
    hostKey: { status: 'trusted', fingerprint: scanned.fingerprint },
  });
}

export function changedKeyMessage(host: string, accepted: string, now: string): string {
  return `${host} offers a different key than the one you accepted (accepted ${accepted}, now ${now}), so Switchboard will not connect: someone may be in between. If the host was reinstalled, check the new fingerprint with its owner and accept it.`;
}

function readFindings(ssh: SshPlaceConfig, stdout: string) {
  const problems: string[] = [];
  let claudeVersion: string | null = null;
  for (const line of stdout.split('\n')) {
    const [word = '', ...rest] = line.trim().split(' ');
    const detail = rest.join(' ');
    if (word === 'claude-version') claudeVersion = detail;
    else if (word === 'claude-missing') {
      problems.push(
        `Claude Code was not found at ${ssh.claudePath} on ${ssh.host}: install it there (npm install -g @anthropic-ai/claude-code) or give its full path.`,
      );
    } else if (word === 'claude-broken') {
      problems.push(`Claude Code at ${ssh.claudePath} did not start: ${detail}`);
    } else if (word === 'folder-missing') {
      problems.push(
        `The folder ${ssh.folder} does not exist on ${ssh.host}: create it or choose another.`,
      );
    } else if (word === 'folder-readonly') {
      problems.push(
        `${ssh.user} cannot write in ${ssh.folder} on ${ssh.host}: runs could not change anything there.`,
      );
    } else if (word === 'tool-missing') {
      problems.push(
        `The command ${detail} is missing on ${ssh.host}; Switchboard's wrapper needs it.`,
      );
    }
  }
  return { problems, claudeVersion };
}

function loginProblem(ssh: SshPlaceConfig, stderr: string, accepted: string): string {
  if (isChangedKeyError(stderr)) return changedKeyMessage(ssh.host, accepted, 'another key');
  if (/Permission denied/i.test(stderr)) {
    const how =
      ssh.auth === 'key'
        ? `the key ${ssh.keyPath ?? ''} is not in ~${ssh.user}/.ssh/authorized_keys there`
        : 'no key in your ssh-agent is accepted there (ssh-add -l lists them)';
    return `${ssh.host} refused the login as ${ssh.user}: ${how}.`;
  }
  const last = stderr.trim().split('\n').pop() ?? '';
  return `Could not log in to ${ssh.host}: ${last || 'ssh ended without saying why'}.`;
}

function runSsh(
  target: SshTarget,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = remoteInvocation(target, [
    'sh',
    '-c',
    CHECK_SCRIPT,
    'switchboard-check',
    target.ssh.claudePath,
    target.ssh.folder,
  ]);
  return new Promise((resolve) => {
    const child = execFile(
      'ssh',
      args,
      {
        env: { PATH: env.PATH, HOME: env.HOME, SSH_AUTH_SOCK: env.SSH_AUTH_SOCK },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
