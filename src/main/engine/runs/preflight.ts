// Checks made before a run starts, so a missing folder or Claude Code executable is said as cause
// and fix ("The folder … is gone — edit the task") instead of surfacing as Claude Code's own error;
// so is a permission mode Claude Code refuses here (bypass as root).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Settings, Task, TaskCheck, TaskProblem } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { BYPASS_AS_ROOT } from './root-bypass';

export interface PreflightSubject {
  task: Pick<Task, 'cwd'> & Partial<Pick<Task, 'permissionMode' | 'sandbox'>>;
  /** The folder a follow-up or resume would work in (the parent run's), if any. */
  workdir?: string | null;
  settings: Pick<Settings, 'claudeExecutablePath'>;
  /** Claude Code would refuse bypassPermissions here (Switchboard runs as root). */
  refusesBypass?: boolean;
  /** Where the sandbox's programs are looked for (PATH); the engine's own by default. */
  path?: string;
  platform?: NodeJS.Platform;
}

export function checkBeforeStart(subject: PreflightSubject): TaskCheck {
  const problems: TaskProblem[] = [];
  const folder = kindOf(subject.task.cwd);
  if (folder === 'missing') {
    problems.push({
      code: 'folder_missing',
      message: `The folder ${subject.task.cwd} is gone.`,
      fix: 'Edit the task and choose its folder again, or restore the folder.',
      place: 'task',
    });
  } else if (folder === 'file') {
    problems.push({
      code: 'not_a_folder',
      message: `${subject.task.cwd} is a file, not a folder.`,
      fix: 'Edit the task and choose a folder.',
      place: 'task',
    });
  }
  const workdir = subject.workdir;
  if (workdir && workdir !== subject.task.cwd && kindOf(workdir) !== 'folder') {
    problems.push({
      code: 'workdir_missing',
      message: `The folder this conversation worked in, ${workdir}, is gone.`,
      fix: 'Run the task again to start a new conversation.',
      place: 'task',
    });
  }
  const executable = subject.settings.claudeExecutablePath;
  if (executable && !isExecutable(executable)) {
    problems.push({
      code: 'executable_missing',
      message: `Claude Code was not found at ${executable}.`,
      fix: 'Fix the Claude Code path in Settings, or clear it to use the bundled one.',
      place: 'settings',
    });
  }
  if (subject.refusesBypass && subject.task.permissionMode === 'bypassPermissions') {
    problems.push({ code: 'bypass_as_root', ...BYPASS_AS_ROOT, place: 'task' });
  }
  if (subject.task.sandbox) {
    const missing = sandboxMissing(subject.platform ?? process.platform, subject.path);
    if (missing) problems.push({ code: 'sandbox_unavailable', ...missing, place: 'task' });
  }
  return { ok: problems.length === 0, problems };
}

/** Throws the first problem as a conflict the panel can show as it is. */
export function assertReady(check: TaskCheck): void {
  const first = check.problems[0];
  if (first) throw new ApiError('conflict', describeProblem(first));
}

export function describeProblem(problem: TaskProblem): string {
  return `${problem.message} — ${problem.fix}`;
}

/** Claude Code's sandbox: Seatbelt on macOS; bubblewrap and socat on Linux; none on Windows. */
function sandboxMissing(
  platform: NodeJS.Platform,
  path = process.env.PATH ?? '',
): { message: string; fix: string } | null {
  if (platform === 'darwin') return null;
  if (platform !== 'linux') {
    return {
      message: "Claude Code's sandbox for shell commands does not run on this system.",
      fix: 'Edit the task and turn the sandbox off, or give the task a container place.',
    };
  }
  const missing = ['bwrap', 'socat'].filter((program) => !onPath(program, path));
  if (missing.length === 0) return null;
  return {
    message: `The sandbox for shell commands needs ${missing.join(' and ')}, not found on this machine.`,
    fix: 'Install bubblewrap and socat (on Debian or Ubuntu: apt install bubblewrap socat), or edit the task and turn the sandbox off.',
  };
}

function onPath(program: string, path: string): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((folder) => isExecutable(join(folder, program)));
}

function kindOf(path: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
