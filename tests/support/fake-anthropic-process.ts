// The fake Anthropic API in a process of its own (fixtures/fake-anthropic/cli.ts), for benchmarks
// whose measured thread must not do its streaming work: the real API is remote. It still takes CPU
// on this machine that the real one would not, so the figures err on the slow side. It runs in a
// session of its own, like any other program on the machine, not in the measured app's.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../fixtures/fake-anthropic/cli.ts');

export interface FakeAnthropicProcess {
  url: string;
  pid: number | undefined;
  close(): Promise<void>;
}

export async function startFakeAnthropicProcess(): Promise<FakeAnthropicProcess> {
  const child = spawn(process.execPath, [CLI, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = /^FAKE_ANTHROPIC_URL=(\S+)$/m.exec(out);
      if (line?.[1]) done(line[1]);
    });
    child.once('exit', (code) => fail(new Error(`the fake API exited (${code}) before its URL`)));
  });
  return {
    url,
    pid: child.pid,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
