// The Node version check behind `npm install`, `npm start` and `npm run serve`: one line on a Node
// older than 22.12, silence on a newer one; also run by this machine's own older Node when it has one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/check-node.cjs');
const { nodeVersionProblem } = createRequire(import.meta.url)(SCRIPT) as {
  nodeVersionProblem: (version: string) => string | null;
};

/** The system's own Node (Debian's), when it is older than the project needs. */
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = existsSync(OLD_NODE)
  ? execFileSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).trim()
  : null;

describe('check-node', () => {
  it('names the needed and the running version below 22.12, and passes from there', () => {
    for (const old of ['v20.11.1', 'v22.11.0', 'v18.0.0', 'v0.12.18', 'v22.9.9']) {
      expect(nodeVersionProblem(old), old).toBe(
        `Switchboard needs Node.js 22.12.0 or newer; this is Node.js ${old.slice(1)}. Install a newer Node (https://nodejs.org) and try again.`,
      );
    }
    for (const fine of ['v22.12.0', 'v22.20.1', 'v23.0.0', 'v24.1.0', 'v100.0.0']) {
      expect(nodeVersionProblem(fine), fine).toBeNull();
    }
  });

  it('exits quietly on the Node running the tests', () => {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr + result.stdout).toBe('');
  });

  it.runIf(oldNodeVersion !== null && nodeVersionProblem(oldNodeVersion) !== null)(
    `prints one line and fails under ${OLD_NODE} (${oldNodeVersion ?? 'absent'})`,
    () => {
      const result = spawnSync(OLD_NODE, [SCRIPT], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^Switchboard needs Node\.js 22\.12\.0 or newer; this is Node\.js 2?\d\./,
        ),
      ]);
    },
  );
});
