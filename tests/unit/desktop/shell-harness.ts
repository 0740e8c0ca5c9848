// Starts the real desktop shell (under the fake 'electron' module) against a stand-in engine:
// a real EventBus for pushes and recorded handlers for the few methods the shell calls.
import type { ApiHandlers, PushEvent } from '../../../src/shared/contract';
import { run, task } from '../../support/records';
import type {
  Approval,
  PlanLimits,
  Run,
  RunReview,
  Settings,
  Task,
} from '../../../src/shared/domain';
import type { SettingsPatch } from '../../../src/shared/schemas';
import { dispatch } from '../../../src/shared/dispatch';
import { EventBus } from '../../../src/main/engine/event-bus';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/main/engine/settings/settings';
import { startDesktopShell, type DesktopShell } from '../../../src/main/desktop/desktop-shell';
import { DropCollector } from '../../../src/main/desktop/drop-route';
import { RelaunchRequests } from '../../../src/main/desktop/relaunch-requests';
import type { SavedWindowState } from '../../../src/main/desktop/window-state';

export interface ShellHarness {
  shell: DesktopShell;
  bus: EventBus;
  drops: DropCollector;
  /** Every handler call the shell made: [method, params]. */
  calls: [string, unknown][];
  savedWindowState: SavedWindowState[];
  emit(event: PushEvent): void;
  settings(): Settings;
}

export interface ShellSetup {
  settings?: SettingsPatch;
  tasks?: Task[];
  runs?: Run[];
  approvals?: Approval[];
  startHidden?: boolean;
  /** Relaunches heard before the shell started. */
  relaunches?: RelaunchRequests;
  windowState?: unknown;
  limits?: PlanLimits;
}

export async function startTestShell(setup: ShellSetup = {}): Promise<ShellHarness> {
  const bus = new EventBus();
  const calls: [string, unknown][] = [];
  let settings = mergeSettings(DEFAULT_SETTINGS, setup.settings ?? {});
  const record = (method: string, params: unknown) => calls.push([method, params]);
  const handlers: Partial<ApiHandlers> = {
    'settings.get': async () => settings,
    'settings.update': async (patch) => {
      record('settings.update', patch);
      settings = mergeSettings(settings, patch);
      bus.emit('settings.updated', settings);
      return settings;
    },
    'tasks.list': async () => setup.tasks ?? [],
    'runs.list': async () => setup.runs ?? [],
    'approvals.list': async () => setup.approvals ?? [],
    'reviews.list': async () => [],
    'limits.get': async () =>
      setup.limits ?? {
        available: false,
        fiveHour: null,
        sevenDay: null,
        exhausted: null,
        hold: null,
        updatedAt: null,
      },
    'tasks.run': async (params) => {
      record('tasks.run', params);
      return makeRun({ taskId: params.taskId, trigger: { kind: params.trigger ?? 'manual' } });
    },
  };
  const savedWindowState: SavedWindowState[] = [];
  const drops = new DropCollector(10);
  const shell = await startDesktopShell({
    engine: {
      call: (method, input) => dispatch(handlers as ApiHandlers, method, input),
      subscribe: (listener) => bus.subscribe(listener),
    },
    preload: '/app/out/preload/index.cjs',
    panelBase: 'app://switchboard',
    resources: '/app/resources',
    windowState: { load: () => setup.windowState, save: (state) => savedWindowState.push(state) },
    drops,
    relaunches: setup.relaunches ?? new RelaunchRequests(),
    startHidden: setup.startHidden ?? true,
    manageLoginItem: false,
  });
  return {
    shell,
    bus,
    drops,
    calls,
    savedWindowState,
    emit: (event) => bus.emit(event.type, event.payload),
    settings: () => settings,
  };
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${++counter}`;

export function makeRun(overrides: Partial<Run> = {}): Run {
  return run({
    id: nextId('run'),
    taskTitle: 'Nightly report',
    prompt: 'do it',
    createdAt: Date.now(),
    ...overrides,
  });
}

export function makeReview(overrides: Partial<RunReview> = {}): RunReview {
  return {
    runId: nextId('run'),
    taskId: 'task_1',
    taskTitle: 'Nightly report',
    mode: 'in_place',
    status: 'pending',
    baseBranch: null,
    fileCount: 1,
    conflictFiles: [],
    message: null,
    feedback: null,
    followUpRunId: null,
    createdAt: Date.now(),
    decidedAt: null,
    mergeUndoable: false,
    undoUntil: null,
    ...overrides,
  };
}

export function makeApproval(overrides: Partial<Approval> = {}): Approval {
  return {
    id: nextId('apr'),
    runId: 'run_x',
    taskId: 'task_1',
    taskTitle: 'Nightly report',
    kind: 'tool',
    toolName: 'Bash',
    toolUseId: null,
    input: { command: 'ls' },
    title: null,
    description: null,
    questions: null,
    status: 'pending',
    message: null,
    answers: null,
    always: false,
    alwaysRules: [],
    alwaysChoices: [],
    createdAt: Date.now(),
    decidedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

export function makeTask(overrides: Partial<Task> = {}): Task {
  return task({ id: nextId('task'), prompt: 'p', cwd: '/tmp', ...overrides });
}
