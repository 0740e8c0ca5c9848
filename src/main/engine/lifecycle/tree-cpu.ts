// Finds the processes Claude Code started and reads their CPU time, so that a run busy in a long
// command (a Bash tool running `npm test`) shows a sign of life without a new transcript event,
// and so that ending a session reaches the commands' own process groups.
// The tree of a Claude Code pid is every descendant of it plus every process in its group or in a
// group a descendant leads: the Bash tool runs each command in a process group of its own, and a
// background process whose parent exited is still in its group. Claude Code's own CPU is left
// out: it ticks over while it waits on a command.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** CPU milliseconds per member pid of one tree. */
export type TreeCpu = Map<number, number>;

/** Reads the CPU of the trees of the given Claude Code pids; a root not found is absent. */
export type TreeCpuReader = (roots: readonly number[]) => Promise<Map<number, TreeCpu>>;

export interface ProcessCpu {
  pid: number;
  ppid: number;
  groupId: number;
  /** Its own CPU (user + system). */
  ownMs: number;
  /** CPU of the children it has reaped (Linux only; 0 from ps). */
  reapedMs: number;
}

/** Linux's clock tick: USER_HZ is 100 on every architecture Node runs on. */
const TICK_MS = 10;

/**
 * The reader for this platform: /proc on Linux (children a member reaped count too), `ps` on
 * other POSIX systems (live processes only), nothing on Windows (not implemented there).
 */
export function treeCpuReader(platform: NodeJS.Platform = process.platform): TreeCpuReader {
  if (platform === 'linux') return readProcTreeCpu;
  if (platform === 'win32') return async () => new Map();
  return readPsTreeCpu;
}

/** One pass over /proc for all trees at once: one stat file per process on the machine. */
export async function readProcTreeCpu(roots: readonly number[]): Promise<Map<number, TreeCpu>> {
  return roots.length === 0 ? new Map() : treesOf(roots, await readProcStats());
}

/** Every process on the machine: /proc on Linux, ps on other POSIX systems, none on Windows. */
export function readProcesses(platform: NodeJS.Platform = process.platform): Promise<ProcessCpu[]> {
  if (platform === 'linux') return readProcStats();
  if (platform === 'win32') return Promise.resolve([]);
  return readPsProcesses();
}

async function readProcStats(): Promise<ProcessCpu[]> {
  const names = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const processes = await Promise.all(
    names.map(async (name) => {
      try {
        return parseProcStat(Number(name), await readFile(`/proc/${name}/stat`, 'utf8'));
      } catch {
        return null; // The process ended while we looked.
      }
    }),
  );
  return processes.filter((p) => p !== null);
}

/**
 * Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses):
 * state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime.
 */
export function parseProcStat(pid: number, stat: string): ProcessCpu | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const numbers = [fields[1], fields[2], ...fields.slice(11, 15)].map(Number);
  const [ppid = NaN, groupId = NaN, utime = NaN, stime = NaN, cutime = NaN, cstime = NaN] = numbers;
  if (numbers.length < 6 || numbers.some((n) => !Number.isInteger(n))) return null;
  return {
    pid,
    ppid,
    groupId,
    ownMs: (utime + stime) * TICK_MS,
    reapedMs: (cutime + cstime) * TICK_MS,
  };
}

const execFileAsync = promisify(execFile);

/** macOS and the BSDs: one `ps` for all trees. */
export async function readPsTreeCpu(roots: readonly number[]): Promise<Map<number, TreeCpu>> {
  return roots.length === 0 ? new Map() : treesOf(roots, await readPsProcesses());
}

async function readPsProcesses(): Promise<ProcessCpu[]> {
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,time='], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
  });
  return parsePsLines(stdout);
}

/** Lines of `ps -o pid=,ppid=,pgid=,time=`; time is [[dd-]hh:]mm:ss[.cc]. */
export function parsePsLines(stdout: string): ProcessCpu[] {
  const found: ProcessCpu[] = [];
  for (const line of stdout.split('\n')) {
    const [pid, ppid, groupId, time] = line.trim().split(/\s+/);
    const ownMs = time === undefined ? null : parseCpuTime(time);
    const ids = [pid, ppid, groupId].map((id) => (/^\d+$/.test(id ?? '') ? Number(id) : NaN));
    const [p = NaN, pp = NaN, g = NaN] = ids;
    if (ownMs !== null && ids.every(Number.isInteger))
      found.push({ pid: p, ppid: pp, groupId: g, ownMs, reapedMs: 0 });
  }
  return found;
}

export function parseCpuTime(time: string): number | null {
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(time);
  if (!match) return null;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  const total = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return Math.round(total * 1_000);
}

/** Each root's tree and the CPU of its members; the root counts only the children it reaped. */
export function treesOf(roots: readonly number[], processes: ProcessCpu[]): Map<number, TreeCpu> {
  const index = indexProcesses(processes);
  const trees = new Map<number, TreeCpu>();
  for (const root of roots) {
    const members = membersOf(root, index);
    if (members.length === 0) continue;
    trees.set(
      root,
      new Map(members.map((p) => [p.pid, p.pid === root ? p.reapedMs : p.ownMs + p.reapedMs])),
    );
  }
  return trees;
}

/** The processes of `root`'s tree, the root first; none when the root is not running. */
export function treeMembers(root: number, processes: ProcessCpu[]): ProcessCpu[] {
  return membersOf(root, indexProcesses(processes));
}

interface ProcessIndex {
  byPid: Map<number, ProcessCpu>;
  children: Map<number, ProcessCpu[]>;
  byGroup: Map<number, ProcessCpu[]>;
}

function indexProcesses(processes: ProcessCpu[]): ProcessIndex {
  const index: ProcessIndex = { byPid: new Map(), children: new Map(), byGroup: new Map() };
  const add = (map: Map<number, ProcessCpu[]>, key: number, p: ProcessCpu) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of processes) {
    index.byPid.set(p.pid, p);
    add(index.children, p.ppid, p);
    add(index.byGroup, p.groupId, p);
  }
  return index;
}

function membersOf(root: number, index: ProcessIndex): ProcessCpu[] {
  const rootProcess = index.byPid.get(root);
  if (!rootProcess) return [];
  const members = new Map([[root, rootProcess]]);
  // Descendants, and every member of a group the root or a descendant leads.
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    for (const next of [...(index.children.get(pid) ?? []), ...(index.byGroup.get(pid) ?? [])]) {
      if (members.has(next.pid)) continue;
      members.set(next.pid, next);
      queue.push(next.pid);
    }
  }
  return [...members.values()];
}

/**
 * CPU a tree used between two readings: what each member added, a member new since the first
 * reading in full, a member gone counting nothing (so an exit never reads as work).
 */
export function cpuUsedSince(before: TreeCpu, after: TreeCpu): number {
  let used = 0;
  for (const [pid, cpuMs] of after) used += Math.max(0, cpuMs - (before.get(pid) ?? 0));
  return used;
}
