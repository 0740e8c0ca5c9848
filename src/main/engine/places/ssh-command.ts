// The ssh command line for a place, as typed data: options in one function, never a shell string
// on this side. Host keys are checked strictly against the key the person accepted.
import type { SshPlaceConfig } from '../../../shared/domain';
import { FAR_WRAPPER, shellQuote } from './far-wrapper';

export interface SshTarget {
  ssh: SshPlaceConfig;
  /** The known_hosts file holding the accepted key (and nothing else). */
  knownHostsFile: string;
}

/** A reverse tunnel: the far side's 127.0.0.1:remotePort reaches host:port on this machine. */
export interface ReverseTunnel {
  remotePort: number;
  host: string;
  port: number;
}

/** Options every connection shares: no prompt ever (BatchMode), strict host keys, keepalives. */
export function sshArgs(target: SshTarget, tunnels: ReverseTunnel[] = []): string[] {
  const { ssh } = target;
  const args = [
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${target.knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'UpdateHostKeys=no',
    '-o',
    'ConnectTimeout=15',
    // A vanished host or network ends the session within a minute instead of never.
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=4',
    '-o',
    'ExitOnForwardFailure=yes',
    '-p',
    String(ssh.port),
    '-l',
    ssh.user,
  ];
  if (ssh.auth === 'key' && ssh.keyPath) {
    args.push('-i', ssh.keyPath, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none');
  }
  for (const tunnel of tunnels) {
    args.push('-R', `127.0.0.1:${tunnel.remotePort}:${tunnel.host}:${tunnel.port}`);
  }
  return args;
}

/** ssh's arguments to run `words` on the far side (ssh joins them for the login shell). */
export function remoteInvocation(
  target: SshTarget,
  words: string[],
  tunnels: ReverseTunnel[] = [],
) {
  return [...sshArgs(target, tunnels), '--', target.ssh.host, words.map(shellQuote).join(' ')];
}

/** The far side's command for a session: the wrapper, the folder, Claude Code and its arguments. */
export function sessionWords(ssh: SshPlaceConfig, claudeArgs: string[]): string[] {
  return [
    'sh',
    '-c',
    FAR_WRAPPER,
    'switchboard-wrapper',
    ssh.folder,
    ssh.claudePath,
    ...claudeArgs,
  ];
}

/** How the place reads in lists: alice@build:/srv/repo (the port when it is not 22). */
export function describeSsh(ssh: SshPlaceConfig): string {
  const port = ssh.port === 22 ? '' : `:${ssh.port}`;
  return `${ssh.user}@${ssh.host}${port}:${ssh.folder}`;
}
