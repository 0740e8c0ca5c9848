// A tiny separate process that outlives a crashed engine just long enough to end its sessions'
// process trees: it reads group ids (Claude Code's pids) from a pipe, and when the pipe closes (the
// engine exited or was killed, even with SIGKILL) it ends every tree still listed: SIGTERM, then
// SIGKILL, to each group and to the groups of the commands in it. On POSIX a sh script; on
// Windows a Node script run with the engine's own runtime, ending each tree with taskkill /T,
// then /T /F (node-watchdog.ts).
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Writable } from 'node:stream';
import {
  NODE_WATCHDOG_SCRIPT,
  WATCHDOG_GRACE_ENV,
  WATCHDOG_KILL_ENV,
  type WatchdogKillStep,
} from './node-watchdog';
import { IS_POSIX } from './process-group';

/**
 * The watchdog, in POSIX sh: no Node start-up cost, a few hundred KB of memory. The Bash tool runs
 * each command in a group of its own, so when the pipe closes the script adds the groups of every
 * listed tree (descendants, and members of groups they lead), found while Claude Code is still
 * alive. No comments inside: the script is the process's command line, and a mention of Claude
 * Code there would make the watchdog look like one to `ps`.
 */
const SCRIPT = `
trap '' INT TERM HUP
groups=" "
while IFS= read -r line; do
  case "$line" in
    +[1-9]*) groups="$groups\${line#+} " ;;
    -[1-9]*) groups=$(printf '%s' "$groups" | sed "s/ \${line#-} / /") ;;
  esac
done
[ "$groups" = " " ] && exit 0
groups="$groups $(ps -A -o pid=,ppid=,pgid= 2>/dev/null | awk -v roots="$groups" '
  BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) tree[r[i]] = 1 }
  { pid[NR] = $1; ppid[NR] = $2; pg[NR] = $3 }
  END {
    do {
      grown = 0
      for (i = 1; i <= NR; i++)
        if (!(pid[i] in tree) && ((ppid[i] in tree) || (pg[i] in tree))) { tree[pid[i]] = 1; grown = 1 }
    } while (grown)
    for (i = 1; i <= NR; i++)
      if ((pid[i] in tree) && pg[i] > 1 && !(pg[i] in shown)) { shown[pg[i]] = 1; print pg[i] }
  }')"
for g in $groups; do kill -TERM -$g 2>/dev/null; done
sleep $GRACE_SECONDS
for g in $groups; do kill -KILL -$g 2>/dev/null; done
`;

const MAX_RELAUNCHES = 5;

export interface OrphanWatchdogOptions {
  /** Seconds between SIGTERM and SIGKILL once the engine is gone. */
  graceSeconds?: number;
  shell?: string;
  /** Which watchdog: `sh` on POSIX by default, `node` on Windows (tests force `node` on Linux). */
  variant?: 'sh' | 'node';
  /** The Node watchdog's kill step; `auto` (the default) chooses by platform. */
  killStep?: WatchdogKillStep;
}

export class OrphanWatchdog {
  private readonly groups = new Set<number>();
  private child: ChildProcess | undefined;
  private closed = false;
  private relaunches = 0;

  constructor(private readonly options: OrphanWatchdogOptions = {}) {
    this.launch();
  }

  /** The watchdog's own pid, for tests and diagnostics. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  watch(groupId: number): void {
    this.groups.add(groupId);
    this.send(`+${groupId}`);
  }

  release(groupId: number): void {
    if (this.groups.delete(groupId)) this.send(`-${groupId}`);
  }

  /** A clean engine stop: the groups were ended already, so the watchdog just exits. */
  close(): void {
    this.closed = true;
    for (const groupId of this.groups) this.send(`-${groupId}`);
    this.groups.clear();
    this.child?.stdin?.end();
  }

  private send(line: string): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed) stdin.write(`${line}\n`);
  }

  private launch(): void {
    const child = this.spawnWatchdog();
    this.child = child;
    // The watchdog never keeps the engine's process alive.
    child.unref();
    const stdin = child.stdin as NodeJS.WritableStream & { unref?: () => void };
    // A piped stdin is a net.Socket, which has unref(); the type does not say so.
    if (typeof stdin.unref === 'function') stdin.unref();
    child.stdin.on('error', () => undefined);
    child.on('error', () => undefined);
    child.once('exit', () => {
      if (this.child !== child || this.closed || this.relaunches >= MAX_RELAUNCHES) return;
      this.relaunches++;
      // Someone ended the watchdog: start another and tell it what is running.
      this.launch();
      for (const groupId of this.groups) this.send(`+${groupId}`);
    });
  }

  private spawnWatchdog(): ChildProcessByStdio<Writable, null, null> {
    const { command, args, env } = watchdogCommand(this.options);
    return spawn(command, args, {
      // Its own group, so a terminal's Ctrl-C or a signal to the engine's group leaves it be.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      windowsHide: true,
      env,
    });
  }
}

/** What starts the watchdog: the sh script on POSIX, the Node script on Windows (or if asked). */
export function watchdogCommand(options: OrphanWatchdogOptions = {}): {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
} {
  const graceSeconds = Math.max(1, Math.round(options.graceSeconds ?? 2));
  if ((options.variant ?? (IS_POSIX ? 'sh' : 'node')) === 'sh') {
    return {
      command: options.shell ?? '/bin/sh',
      args: ['-c', SCRIPT],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GRACE_SECONDS: String(graceSeconds) },
    };
  }
  // The engine's own runtime: Node under serve, Electron (acting as Node) in the app.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_RUN_AS_NODE: '1',
    [WATCHDOG_GRACE_ENV]: String(graceSeconds * 1_000),
    [WATCHDOG_KILL_ENV]: options.killStep ?? 'auto',
  };
  // Whatever the engine was started with (a debugger, a loader) is not for the watchdog.
  delete env.NODE_OPTIONS;
  return { command: process.execPath, args: ['-e', NODE_WATCHDOG_SCRIPT], env };
}
