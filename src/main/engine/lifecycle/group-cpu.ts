// Reads the CPU time the processes of Claude Code's process groups have used, so that a run busy
// in a long command (a Bash tool running `npm test`) shows a sign of life without a new transcript
// event. Claude Code's own CPU is left out: it ticks over while it waits on a command.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** CPU milliseconds per member pid of one group. */
export type GroupCpu = Map<number, number>;

/** Reads the CPU of the given groups (by leader pid); a group with no member left is absent. */
export type GroupCpuReader = (groupIds: readonly number[]) => Promise<Map<number, GroupCpu>>;

/** Linux's clock tick: USER_HZ is 100 on every architecture Node runs on. */
const TICK_MS = 10;

/**
 * The reader for this platform: /proc on Linux (children already reaped by a member count too),
 * `ps` on other POSIX systems (live processes only), nothing on Windows (no process groups).
 */
export function groupCpuReader(platform: NodeJS.Platform = process.platform): GroupCpuReader {
  if (platform === 'linux') return readProcGroupCpu;
  if (platform === 'win32') return async () => new Map();
  return readPsGroupCpu;
}

/** One pass over /proc for all groups at once: one stat file per process on the machine. */
export async function readProcGroupCpu(
  groupIds: readonly number[],
): Promise<Map<number, GroupCpu>> {
  const wanted = new Set(groupIds);
  const found = new Map<number, GroupCpu>();
  if (wanted.size === 0) return found;
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  await Promise.all(
    pids.map(async (name) => {
      let stat: string;
      try {
        stat = await readFile(`/proc/${name}/stat`, 'utf8');
      } catch {
        return; // The process ended while we looked.
      }
      const member = parseProcStat(Number(name), stat);
      if (member && wanted.has(member.groupId)) addMember(found, member);
    }),
  );
  return found;
}

interface Member {
  pid: number;
  groupId: number;
  cpuMs: number;
}

/**
 * Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses):
 * state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime.
 * The leader (Claude Code) counts only the children it reaped, not its own time.
 */
export function parseProcStat(pid: number, stat: string): Member | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const groupId = Number(fields[2]);
  const times = fields.slice(11, 15).map(Number);
  const [utime = NaN, stime = NaN, cutime = NaN, cstime = NaN] = times;
  if (!Number.isInteger(groupId) || times.length < 4 || times.some((n) => !Number.isFinite(n)))
    return null;
  const ticks = (pid === groupId ? 0 : utime + stime) + cutime + cstime;
  return { pid, groupId, cpuMs: ticks * TICK_MS };
}

const execFileAsync = promisify(execFile);

/** macOS and the BSDs: one `ps` for all groups. */
export async function readPsGroupCpu(groupIds: readonly number[]): Promise<Map<number, GroupCpu>> {
  const wanted = new Set(groupIds);
  const found = new Map<number, GroupCpu>();
  if (wanted.size === 0) return found;
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,pgid=,time='], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
  });
  for (const member of parsePsLines(stdout)) {
    if (!wanted.has(member.groupId)) continue;
    // The leader's own time is left out, as on Linux; ps has nothing for its reaped children.
    addMember(found, member.pid === member.groupId ? { ...member, cpuMs: 0 } : member);
  }
  return found;
}

/** Lines of `ps -o pid=,pgid=,time=`; time is [[dd-]hh:]mm:ss[.cc]. */
export function parsePsLines(stdout: string): Member[] {
  const members: Member[] = [];
  for (const line of stdout.split('\n')) {
    const [pid, groupId, time] = line.trim().split(/\s+/);
    const cpuMs = time === undefined ? null : parseCpuTime(time);
    if (cpuMs !== null && /^\d+$/.test(pid ?? '') && /^\d+$/.test(groupId ?? ''))
      members.push({ pid: Number(pid), groupId: Number(groupId), cpuMs });
  }
  return members;
}

export function parseCpuTime(time: string): number | null {
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(time);
  if (!match) return null;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  const total = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return Math.round(total * 1_000);
}

function addMember(found: Map<number, GroupCpu>, member: Member): void {
  const group = found.get(member.groupId) ?? new Map<number, number>();
  group.set(member.pid, member.cpuMs);
  found.set(member.groupId, group);
}

/**
 * CPU the group used between two readings: what each member added, a member new since the first
 * reading in full, a member gone counting nothing (so an exit never reads as work).
 */
export function cpuUsedSince(before: GroupCpu, after: GroupCpu): number {
  let used = 0;
  for (const [pid, cpuMs] of after) used += Math.max(0, cpuMs - (before.get(pid) ?? 0));
  return used;
}
