// Secret requests against a real store and real files: a request is a `secret` approval; an allow
// needs the value, which lands in the session's private file (sourced by its shell commands) and
// the run's redaction set, never in the approval; kept for the task, it goes to the keychain and
// the task's secrets; "never for this task" disallows the tool; the files go when the run ends.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalBroker } from '../../../../src/main/engine/approvals/approval-broker';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import { SecretRequests } from '../../../../src/main/engine/secrets/secret-requests';
import { SecretService } from '../../../../src/main/engine/secrets/secret-service';
import { SessionEnvFiles } from '../../../../src/main/engine/secrets/session-env-files';
import { Store } from '../../../../src/main/engine/store';
import { SECRET_REQUEST_TOOL } from '../../../../src/shared/domain';
import { MemorySecretStore } from '../../../fakes/memory-secret-store';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const SESSION = '00000000-0000-4000-8000-000000000001';
const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function setup() {
  const dataDir = tempDir('secret-requests');
  const store = Store.open(dataDir);
  opened.push(store);
  store.tasks.insert(taskRecord({ id: 'task_1' }));
  store.runs.insert(
    newRun({ id: 'run_1', taskId: 'task_1', sessionId: SESSION, sessionStarted: true }),
  );
  const bus = new EventBus();
  const clock = () => 1_000_000;
  const recorder = new RunRecorder(store, bus, clock);
  const keychain = new MemorySecretStore();
  const files = new SessionEnvFiles(dataDir);
  const broker = new ApprovalBroker({
    store,
    bus,
    clock,
    onPendingChange: () => undefined,
    recordEvent: (runId, draft) => recorder.event(runId, draft),
    secretGiven: (approval): boolean => requests.isGiven(approval),
  });
  const requests: SecretRequests = new SecretRequests({
    store,
    bus,
    clock,
    secrets: new SecretService(keychain),
    files,
    approvals: broker,
    recorder,
  });
  const ask = (name = 'DEPLOY_TOKEN') =>
    broker.request({
      runId: 'run_1',
      taskId: 'task_1',
      toolName: SECRET_REQUEST_TOOL,
      input: { name, why: 'to publish' },
      toolUseId: 'toolu_1',
      title: null,
      description: null,
      signal: new AbortController().signal,
    });
  const pending = () => store.approvals.list({ status: 'pending' })[0];
  return { store, broker, requests, files, keychain, recorder, ask, pending };
}

/** What a shell that sources Claude Code's env script sees for `name`. */
function shellSees(files: SessionEnvFiles, name: string): string {
  return execFileSync('sh', ['-c', `. "$CLAUDE_ENV_FILE"; printf %s "$${name}"`], {
    env: {
      PATH: process.env.PATH,
      CLAUDE_ENV_FILE: files.sourceScript,
      CLAUDE_CODE_SESSION_ID: SESSION,
    },
    encoding: 'utf8',
  });
}

/** The message of a denial; the empty string for anything else. */
function denial(result: PermissionResult): string {
  return result.behavior === 'deny' ? result.message : '';
}

describe('secret requests', () => {
  it('gives the value to the session shell only, and the allow needs it', async () => {
    const { broker, requests, files, store, recorder, ask, pending } = setup();
    const answered = ask();
    const request = pending();
    expect(request).toMatchObject({
      kind: 'secret',
      input: { name: 'DEPLOY_TOKEN', why: 'to publish' },
    });
    const approvalId = request?.id ?? '';
    // An allow without the value (a phone's button) hands nothing over: refused.
    expect(() => broker.decide({ approvalId, decision: 'allow' })).toThrow(/type the value/);
    await expect(requests.decide({ approvalId, decision: 'allow' })).rejects.toThrow(
      /type the value/,
    );

    const value = `it's a "tricky" $value\nwith two lines`;
    await requests.decide({ approvalId, decision: 'allow', secretValue: value });
    expect(await answered).toMatchObject({ behavior: 'allow' });
    expect(shellSees(files, 'DEPLOY_TOKEN')).toBe(value);
    expect(JSON.stringify(store.approvals.list({}))).not.toContain('tricky');
    expect(statSync(files.folder).mode & 0o777).toBe(0o700);
    // Redacted from what the run records from now on.
    recorder.protectSecrets('run_1', {});
    recorder.protectMore('run_1', { DEPLOY_TOKEN: value });
    expect(recorder.redact('run_1', `printed ${value}`)).toBe('printed [redacted:DEPLOY_TOKEN]');
    // Not kept for the task unless asked.
    expect(store.tasks.get('task_1')?.secretEnv).toEqual([]);

    requests.ended('run_1', 'waiting');
    expect(shellSees(files, 'DEPLOY_TOKEN')).toBe(value);
    requests.ended('run_1', 'succeeded');
    expect(shellSees(files, 'DEPLOY_TOKEN')).toBe('');
    expect(readFileSync(files.sourceScript, 'utf8')).not.toContain('tricky');
  });

  it('keeps it in the keychain for the task when asked', async () => {
    const { requests, keychain, store, ask, pending } = setup();
    void ask('NPM_TOKEN');
    await requests.decide({
      approvalId: pending()?.id ?? '',
      decision: 'allow',
      secretValue: 'npm-secret-value',
      saveForTask: true,
    });
    expect(keychain.values.get('NPM_TOKEN')).toBe('npm-secret-value');
    expect(store.tasks.get('task_1')?.secretEnv).toEqual(['NPM_TOKEN']);
  });

  it('denies, and for good when asked: the task disallows the tool', async () => {
    const { requests, store, ask, pending } = setup();
    const first = ask();
    await requests.decide({ approvalId: pending()?.id ?? '', decision: 'deny' });
    expect(denial(await first)).toContain('did not give DEPLOY_TOKEN');
    expect(store.tasks.get('task_1')?.disallowedTools).toEqual([]);

    const second = ask('OTHER_TOKEN');
    await requests.decide({
      approvalId: pending()?.id ?? '',
      decision: 'deny',
      neverForTask: true,
    });
    expect(denial(await second)).toContain('gives no secrets to this task');
    expect(store.tasks.get('task_1')?.disallowedTools).toEqual([SECRET_REQUEST_TOOL]);
  });

  it('forgets at start the values of sessions no unfinished run continues', () => {
    const { requests, files, store } = setup();
    files.give(SESSION, 'KEPT_TOKEN', 'kept-value');
    files.give('00000000-0000-4000-8000-00000000dead', 'GONE_TOKEN', 'gone-value');
    store.runs.update('run_1', { status: 'waiting' });
    requests.prune();
    expect(files.sessions()).toEqual([SESSION]);
    store.runs.update('run_1', { status: 'cancelled' });
    requests.prune();
    expect(files.sessions()).toEqual([]);
  });

  it('refuses a name no shell variable can have', async () => {
    const { requests, ask, pending } = setup();
    void ask('NOT A NAME; rm -rf ~');
    await expect(
      requests.decide({ approvalId: pending()?.id ?? '', decision: 'allow', secretValue: 'x' }),
    ).rejects.toThrow(/no shell variable/);
  });
});
