// Secrets an agent asks for mid-run. Every local run gets Switchboard's in-process MCP server with
// one tool, request_secret(name, why). Claude Code asks before each call (always_ask), so the call
// becomes an approval of kind `secret` in the inbox; the person gives the value (for this run, or
// also kept in the keychain for the task), refuses, or refuses for the task for good. The value
// goes only to the session's shell environment (session-env-files.ts) and the run's redaction
// set: the tool answers the model that `$NAME` is set, never the value.
import { createSdkMcpServer, tool, type McpServerConfig } from '@anthropic-ai/claude-agent-sdk';
import { z } from 'zod';
import {
  RUN_STATUSES,
  SECRET_REQUEST_TOOL,
  SWITCHBOARD_MCP_SERVER,
  type Approval,
  type RunStatus,
} from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import type { MethodParams } from '../../../shared/contract';
import type { ApprovalBroker } from '../approvals/approval-broker';
import type { EventBus } from '../event-bus';
import type { RunRecorder } from '../runs/run-recorder';
import type { RunRecord, Store } from '../store';
import type { SecretService } from './secret-service';
import { ENV_NAME, type SessionEnvFiles } from './session-env-files';

const TOOL_DESCRIPTION =
  'Ask the person running you for a credential you need and were not given (an API key, a ' +
  'token, a password). Give the environment variable name to set (e.g. GITHUB_TOKEN) and, in ' +
  'why, one sentence on what you need it for. The person sees the request and may give the ' +
  'value, refuse, or refuse for this task. You never see the value: when given, it is set as ' +
  '$NAME in the environment of your later shell (Bash) commands; refer to it as "$NAME" there ' +
  'and never print it.';

/** Run statuses after which nothing of the run's session continues this run. */
const FINISHED: RunStatus[] = ['succeeded', 'failed', 'cancelled'];

interface SecretRequestsDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  secrets: SecretService;
  files: SessionEnvFiles;
  approvals: ApprovalBroker;
  recorder: RunRecorder;
}

export class SecretRequests {
  constructor(private readonly deps: SecretRequestsDeps) {}

  /** The in-process server for one run's session: its tool reports what the person gave. */
  serverFor(runId: string): McpServerConfig {
    const server = createSdkMcpServer({
      name: SWITCHBOARD_MCP_SERVER,
      version: '1.0.0',
      tools: [
        tool(
          'request_secret',
          TOOL_DESCRIPTION,
          {
            name: z.string().describe('The environment variable to set, e.g. GITHUB_TOKEN'),
            why: z.string().describe('What you need it for, in one sentence'),
          },
          ({ name }) => Promise.resolve(this.answer(runId, name)),
          // One small tool the agent should know of before it needs it: never deferred.
          { alwaysLoad: true },
        ),
      ],
    });
    // Claude Code asks Switchboard before every call, whatever the mode or allow rules say.
    return {
      ...server,
      tools: [{ name: 'request_secret', permission_policy: 'always_ask' as const }],
    };
  }

  /** What the person gave the run's session so far: its records are redacted of these. */
  givenFor(run: RunRecord): Record<string, string> {
    return run.sessionId ? this.deps.files.given(run.sessionId) : {};
  }

  /** Whether the value a secret request asks for is there (an allow without one is refused). */
  isGiven(approval: Approval): boolean {
    const run = this.deps.store.runs.get(approval.runId);
    const name = approval.input.name;
    return run !== undefined && typeof name === 'string' && this.givenFor(run)[name] !== undefined;
  }

  /**
   * The person's answer to a secret request. Allowed: the value is placed where the session's
   * next shell command finds it (and in the keychain, for the task's later runs, when asked)
   * before the session hears the answer. Denied for good: the task's runs lose the tool.
   */
  async decide(params: MethodParams<'approvals.decide'>): Promise<Approval> {
    const { store, approvals } = this.deps;
    const approval = store.approvals.get(params.approvalId);
    if (!approval) throw notFound('approval', params.approvalId);
    const plain = { approvalId: approval.id, decision: params.decision };
    if (approval.status !== 'pending') return approvals.decide(plain);
    const name = approval.input.name;
    const usable = typeof name === 'string' && ENV_NAME.test(name);
    if (params.decision === 'deny') {
      if (params.neverForTask === true) this.refuseForTask(approval.taskId);
      const message =
        params.message?.trim() ||
        (params.neverForTask === true
          ? 'The person gives no secrets to this task. Do not ask again; carry on without it.'
          : `The person did not give ${usable ? name : 'that secret'}. Carry on without it.`);
      return approvals.decide({ ...plain, message });
    }
    if (!usable)
      throw badInput('decision', 'the agent asked for a name no shell variable can have');
    const value = params.secretValue;
    if (value === undefined || value === '') throw badInput('secretValue', 'type the value');
    const run = store.runs.get(approval.runId);
    if (!run?.sessionId) throw new ApiError('conflict', 'The run has no session to give it to.');
    if (params.saveForTask === true) {
      await this.deps.secrets.set(name, value);
      this.addToTask(approval.taskId, name);
    }
    this.deps.files.give(run.sessionId, name, value);
    this.deps.recorder.protectMore(run.id, { [name]: value });
    return approvals.decide(plain);
  }

  /** The run ended for good: its session's given values are forgotten. */
  ended(runId: string, status: RunStatus): void {
    const sessionId = this.deps.store.runs.get(runId)?.sessionId;
    if (sessionId && FINISHED.includes(status)) this.deps.files.forget(sessionId);
  }

  /**
   * At start: values of sessions no unfinished run continues (a run cancelled or deleted while
   * the engine was down, say) are forgotten.
   */
  prune(): void {
    const live = new Set(
      RUN_STATUSES.filter((status) => !FINISHED.includes(status))
        .flatMap((status) => this.deps.store.runs.list({ status, limit: 100_000 }))
        .flatMap((run) => (run.sessionId ? [run.sessionId] : [])),
    );
    for (const sessionId of this.deps.files.sessions()) {
      if (!live.has(sessionId)) this.deps.files.forget(sessionId);
    }
  }

  private answer(runId: string, name: string) {
    const run = this.deps.store.runs.get(runId);
    const given = run ? this.givenFor(run) : {};
    if (given[name] !== undefined) {
      return text(
        `$${name} is now set in the environment of your shell commands for this run. ` +
          `Use it as "$${name}"; its value is not shown to you, so do not print it.`,
      );
    }
    return { ...text(`$${name} was not given.`), isError: true };
  }

  private refuseForTask(taskId: string): void {
    this.changeTask(taskId, (task) =>
      task.disallowedTools.includes(SECRET_REQUEST_TOOL)
        ? null
        : { disallowedTools: [...task.disallowedTools, SECRET_REQUEST_TOOL] },
    );
  }

  private addToTask(taskId: string, name: string): void {
    this.changeTask(taskId, (task) =>
      task.secretEnv.includes(name) ? null : { secretEnv: [...task.secretEnv, name] },
    );
  }

  private changeTask(
    taskId: string,
    change: (task: RunTask) => Partial<Pick<RunTask, 'disallowedTools' | 'secretEnv'>> | null,
  ): void {
    const { store, bus, clock } = this.deps;
    const task = store.tasks.get(taskId);
    if (!task) return;
    const patch = change(task);
    if (patch === null) return;
    const { lastRun: _lastRun, ...record } = task;
    store.tasks.update({ ...record, ...patch, updatedAt: clock() });
    const updated = store.tasks.get(taskId);
    if (updated) bus.emit('task.updated', updated);
  }
}

type RunTask = NonNullable<ReturnType<Store['tasks']['get']>>;

function text(message: string) {
  return { content: [{ type: 'text' as const, text: message }] };
}
