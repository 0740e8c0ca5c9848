// Which of Claude Code's setting sources a run loads: the person's own (user) always; the
// folder's (project, local) only when they define nothing that runs or grants anything, or the
// person trusted this version of them. Otherwise the run waits for the person to decide.
import type { SettingSource } from '@anthropic-ai/claude-agent-sdk';
import type { Task } from '../../../shared/domain';
import type { ApprovalBroker } from '../approvals/approval-broker';
import type { Store } from '../store';
import { scanProjectSettings } from './project-settings';

export const ALL_SETTING_SOURCES: SettingSource[] = ['user', 'project', 'local'];
/** Without the folder's settings (and so without its CLAUDE.md, which the project source loads). */
export const USER_SETTINGS_ONLY: SettingSource[] = ['user'];

export type SettingsDecision =
  { ask: false; sources: SettingSource[]; note: string | null } | { ask: true };

export class FolderTrust {
  constructor(
    private readonly deps: {
      store: Store;
      approvals: Pick<ApprovalBroker, 'askFolderTrust'>;
    },
  ) {}

  /** Reads the settings in `workdir` (the task's folder or its worktree) for a run of `task`. */
  sourcesFor(runId: string, task: Task, workdir: string): SettingsDecision {
    const scan = scanProjectSettings(workdir);
    if (!scan.needsTrust) return { ask: false, sources: ALL_SETTING_SOURCES, note: null };
    const decided = this.deps.store.folderTrust.get(task.cwd);
    if (decided?.settingsHash === scan.hash) {
      return decided.decision === 'trusted'
        ? {
            ask: false,
            sources: ALL_SETTING_SOURCES,
            note: "The folder's own Claude Code settings are loaded (you trusted them).",
          }
        : {
            ask: false,
            sources: USER_SETTINGS_ONLY,
            note: "The folder's own Claude Code settings are not loaded (your choice).",
          };
    }
    this.deps.approvals.askFolderTrust(runId, {
      folder: task.cwd,
      workdir,
      settingsHash: scan.hash,
      items: scan.items,
      files: scan.files,
    });
    return { ask: true };
  }
}
