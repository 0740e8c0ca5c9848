// A tiny separate process that outlives a crashed engine just long enough to end its sessions'
// process groups: it reads group ids from a pipe, and when the pipe closes (the engine exited or
// was killed, even with SIGKILL) it sends SIGTERM, then SIGKILL, to every group still listed.
// POSIX only; on Windows the engine's own stop is all there is (see docs/architecture.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { IS_POSIX } from './process-group';

/** The watchdog, in POSIX sh: no Node start-up cost, a few hundred KB of memory. */
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
for g in $groups; do kill -TERM -$g 2>/dev/null; done
sleep $GRACE_SECONDS
for g in $groups; do kill -KILL -$g 2>/dev/null; done
`;

const MAX_RELAUNCHES = 5;

export interface OrphanWatchdogOptions {
  /** Seconds between SIGTERM and SIGKILL once the engine is gone. */
  graceSeconds?: number;
  shell?: string;
}

export class OrphanWatchdog {
  private readonly groups = new Set<number>();
  private child: ChildProcess | undefined;
  private closed = false;
  private relaunches = 0;

  constructor(private readonly options: OrphanWatchdogOptions = {}) {
    if (IS_POSIX) this.launch();
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
    const child = spawn(this.options.shell ?? '/bin/sh', ['-c', SCRIPT], {
      // Its own group, so a terminal's Ctrl-C or a signal to the engine's group leaves it be.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GRACE_SECONDS: String(this.graceSeconds) },
    });
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

  private get graceSeconds(): number {
    return Math.max(1, Math.round(this.options.graceSeconds ?? 2));
  }
}
