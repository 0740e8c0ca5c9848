// Task operations behind tasks.*: validation a schema cannot do (the folder exists) and storage.
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { MethodParams } from '../../../shared/contract';
import {
  DEFAULT_RUN_POLICY,
  type PermissionMode,
  type Settings,
  type Task,
} from '../../../shared/domain';
import { badInput, notFound } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import { newId } from '../ids';
import type { Store, TaskRecord } from '../store';
import { refuseDataFolder } from '../data-folder/data-folder-guard';
import { BYPASS_AS_ROOT } from '../runs/root-bypass';

interface TaskServiceDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  settings: () => Settings;
  /** Switchboard's data folder, which no task may work in. */
  dataDir?: string;
  /** Claude Code would refuse bypassPermissions here (root): saving a task with it is refused. */
  refusesBypass?: boolean;
  /** Whether the skill library holds a skill (equipment/skill-library.ts). */
  hasSkill?: (name: string) => boolean;
}

export class TaskService {
  constructor(private readonly deps: TaskServiceDeps) {}

  create(params: MethodParams<'tasks.create'>): Task {
    const now = this.deps.clock();
    const settings = this.deps.settings();
    const record: TaskRecord = {
      id: newId('task'),
      title: params.title,
      prompt: params.prompt,
      cwd: checkFolder(params.cwd, this.deps.dataDir),
      model: params.model?.trim() || null,
      permissionMode: this.checkMode(
        params.permissionMode ?? settings.defaultPermissionMode,
        params.placeId ?? null,
      ),
      allowedTools: params.allowedTools ?? [],
      disallowedTools: params.disallowedTools ?? [],
      maxTurns: params.maxTurns ?? null,
      maxBudgetUsd: params.maxBudgetUsd ?? null,
      appendSystemPrompt: params.appendSystemPrompt?.trim() || null,
      secretEnv: params.secretEnv ?? [],
      keychainAccess: params.keychainAccess ?? false,
      sandbox: params.sandbox ?? false,
      mcpServerIds: this.checkServers(params.mcpServerIds ?? []),
      skills: this.checkSkills(params.skills ?? []),
      isolation: params.isolation ?? 'none',
      overlapPolicy: params.overlapPolicy ?? 'skip',
      alwaysAllowedTools: [],
      reviewEachRun: params.reviewEachRun ?? null,
      runPolicy: { ...DEFAULT_RUN_POLICY, ...params.runPolicy },
      placeId: this.checkPlace(params.placeId ?? null),
      createdAt: now,
      updatedAt: now,
    };
    this.deps.store.tasks.insert(record);
    return this.announce(record.id);
  }

  update(params: MethodParams<'tasks.update'>): Task {
    const { lastRun: _lastRun, ...current } = this.get(params.taskId);
    const { taskId: _taskId, ...changes } = params;
    // zod leaves out absent fields, so only what the caller sent replaces the current values.
    const next: TaskRecord = {
      ...current,
      ...changes,
      runPolicy: { ...current.runPolicy, ...changes.runPolicy },
      updatedAt: this.deps.clock(),
    };
    if (typeof changes.cwd === 'string') next.cwd = checkFolder(changes.cwd, this.deps.dataDir);
    if (changes.placeId !== undefined) next.placeId = this.checkPlace(changes.placeId);
    if (changes.permissionMode !== undefined || changes.placeId !== undefined) {
      this.checkMode(next.permissionMode, next.placeId);
    }
    if (changes.mcpServerIds !== undefined)
      next.mcpServerIds = this.checkServers(changes.mcpServerIds);
    if (changes.skills !== undefined) next.skills = this.checkSkills(changes.skills);
    if (changes.model !== undefined) next.model = changes.model?.trim() || null;
    if (changes.appendSystemPrompt !== undefined) {
      next.appendSystemPrompt = changes.appendSystemPrompt?.trim() || null;
    }
    this.deps.store.tasks.update(next);
    return this.announce(next.id);
  }

  /**
   * A mode Claude Code would refuse here is said at save time, with the fix. In another place it
   * is that place's user that counts: its check before a run says so (a sealed container allows).
   */
  private checkMode(mode: PermissionMode, placeId: string | null): PermissionMode {
    if (mode === 'bypassPermissions' && this.deps.refusesBypass && placeId === null) {
      throw badInput('permissionMode', `${BYPASS_AS_ROOT.message} ${BYPASS_AS_ROOT.fix}`);
    }
    return mode;
  }

  /** A task names only a saved place. */
  private checkPlace(placeId: string | null): string | null {
    if (placeId !== null && !this.deps.store.places.get(placeId)) {
      throw badInput('placeId', `there is no place ${placeId} (Settings → Places)`);
    }
    return placeId;
  }

  /** Every attached skill must be in the library; each is attached once. */
  private checkSkills(names: string[]): string[] {
    const unknown = names.find((name) => this.deps.hasSkill?.(name) !== true);
    if (unknown !== undefined) throw badInput('skills', `no skill ${unknown} in the library`);
    return [...new Set(names)];
  }

  /** Every attached server must be in the library; each is attached once. */
  private checkServers(ids: string[]): string[] {
    const unknown = ids.find((id) => this.deps.store.mcpServers.get(id) === undefined);
    if (unknown !== undefined) {
      throw badInput('mcpServerIds', `no MCP server ${unknown} in the library`);
    }
    return [...new Set(ids)];
  }

  get(taskId: string): Task {
    const task = this.deps.store.tasks.get(taskId);
    if (!task) throw notFound('task', taskId);
    return task;
  }

  list(): Task[] {
    return this.deps.store.tasks.list();
  }

  announce(taskId: string): Task {
    const task = this.get(taskId);
    this.deps.bus.emit('task.updated', task);
    return task;
  }
}

/** The working folder must exist, be a folder, and lie outside the data folder; stored absolute. */
function checkFolder(path: string, dataDir: string | undefined): string {
  if (!isAbsolute(path)) throw badInput('cwd', `use an absolute path (got "${path}")`);
  const absolute = resolve(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(absolute).isDirectory();
  } catch {
    throw badInput('cwd', `the folder ${absolute} does not exist`);
  }
  if (!isFolder) throw badInput('cwd', `${absolute} is a file, not a folder`);
  refuseDataFolder('cwd', absolute, dataDir);
  return absolute;
}
