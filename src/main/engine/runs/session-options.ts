// A task, a run and the settings, turned into the options of one Claude Code session.
import type { McpServerConfig, Options, SettingSource } from '@anthropic-ai/claude-agent-sdk';
import type { Settings, Task } from '../../../shared/domain';
import type { RunRecord } from '../store';
import { claudeCodeMode } from '../approvals/permission-policy';
import { withoutKeychainRoutes } from '../secrets/keychain-routes';

export interface SessionOptionsInput {
  task: Task;
  run: RunRecord;
  settings: Settings;
  /** The environment the engine was started with; passed through to Claude Code. */
  baseEnv: Record<string, string | undefined>;
  /** Secret values by name (auth and the task's secretEnv), only ever placed in the child's env. */
  secretEnv: Record<string, string>;
  /** Which settings Claude Code loads: always explicit (folder-trust.ts decides). */
  settingSources: SettingSource[];
  /** The task's own MCP servers (equipment/mcp-library.ts), secrets already filled in. */
  mcpServers?: Record<string, McpServerConfig>;
}

/** The options that do not involve callbacks; the runner adds canUseTool, abort and spawn. */
export function buildSessionOptions(input: SessionOptionsInput): Options {
  const { task, run, settings } = input;
  const model = run.model ?? task.model ?? settings.defaultModel;
  const options: Options = {
    cwd: run.workdir ?? task.cwd,
    includePartialMessages: true,
    settingSources: input.settingSources,
    // Switchboard enforces the task's mode itself (approvals/permission-policy.ts).
    permissionMode: claudeCodeMode(task.permissionMode),
    // No route to the keychain unless the task opted in: only the secrets given reach it.
    env: {
      ...(task.keychainAccess ? input.baseEnv : withoutKeychainRoutes(input.baseEnv)),
      ...input.secretEnv,
    },
    systemPrompt: {
      type: 'preset',
      preset: 'claude_code',
      ...(task.appendSystemPrompt ? { append: task.appendSystemPrompt } : {}),
    },
  };
  if (input.mcpServers && Object.keys(input.mcpServers).length > 0) {
    options.mcpServers = input.mcpServers;
    // Over stdin, not the command line, where other users of the machine could read the
    // secrets in their env and headers.
    options.mcpServersDelivery = 'initialize';
  }
  if (task.sandbox) {
    // Every shell command in the sandbox, none let out of it, and the task's mode still asks:
    // being sandboxed does not allow a command by itself. Claude Code refuses to start when the
    // sandbox cannot run (preflight says so first).
    options.sandbox = {
      enabled: true,
      failIfUnavailable: true,
      autoAllowBashIfSandboxed: false,
      allowUnsandboxedCommands: false,
    };
  }
  if (task.permissionMode === 'bypassPermissions') options.allowDangerouslySkipPermissions = true;
  if (model) options.model = model;
  if (task.allowedTools.length) options.allowedTools = task.allowedTools;
  if (task.disallowedTools.length) options.disallowedTools = task.disallowedTools;
  if (task.maxTurns !== null) options.maxTurns = task.maxTurns;
  if (task.maxBudgetUsd !== null) options.maxBudgetUsd = task.maxBudgetUsd;
  if (settings.claudeExecutablePath)
    options.pathToClaudeCodeExecutable = settings.claudeExecutablePath;
  if (run.sessionId) {
    // A started session is continued; a new one gets the id we chose, so it is known up front.
    if (run.sessionStarted) options.resume = run.sessionId;
    else options.sessionId = run.sessionId;
  }
  return options;
}
