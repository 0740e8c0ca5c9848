// The orphan watchdog written for Node, for Windows (no /bin/sh there): run with the engine's own
// runtime (Electron acts as Node under ELECTRON_RUN_AS_NODE=1), it reads the same +pid/-pid lines
// as the sh watchdog and, when its stdin closes, ends each listed tree. Its kill step is chosen by
// platform — taskkill /T then /T /F on Windows, SIGTERM then SIGKILL to the group elsewhere — and
// can be forced, so that tests on Linux run this very script.

/** The kill step the script uses; `auto` picks taskkill on Windows and the POSIX group kill elsewhere. */
export type WatchdogKillStep = 'auto' | 'taskkill' | 'posix-group';

/** Environment the script reads: grace in ms, and the kill step. */
export const WATCHDOG_GRACE_ENV = 'SWITCHBOARD_WATCHDOG_GRACE_MS';
export const WATCHDOG_KILL_ENV = 'SWITCHBOARD_WATCHDOG_KILL';

/**
 * Plain CommonJS for `node -e`: no file to ship beside the bundle. The taskkill arguments match
 * taskkillCommand (tree-kill.ts); the watchdog's test runs the script against a recording
 * taskkill and compares the two.
 */
export const NODE_WATCHDOG_SCRIPT = `
'use strict';
const { spawnSync } = require('node:child_process');
const graceMs = Number(process.env.${WATCHDOG_GRACE_ENV}) || 2000;
const forced = process.env.${WATCHDOG_KILL_ENV};
const step = forced === 'taskkill' || forced === 'posix-group'
  ? forced
  : process.platform === 'win32' ? 'taskkill' : 'posix-group';

function killTree(pid, force) {
  if (step === 'taskkill') {
    spawnSync('taskkill', ['/PID', String(pid), '/T'].concat(force ? ['/F'] : []), {
      stdio: 'ignore',
      windowsHide: true,
      timeout: 10000,
    });
    return;
  }
  try { process.kill(-pid, force ? 'SIGKILL' : 'SIGTERM'); } catch (error) { /* gone */ }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  try { process.on(signal, () => {}); } catch (error) { /* not on this platform */ }
}

const trees = new Set();
let pending = '';
let ended = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\\n')) >= 0) {
    const match = /^([+-])([1-9][0-9]*)$/.exec(pending.slice(0, newline).trim());
    pending = pending.slice(newline + 1);
    if (!match) continue;
    if (match[1] === '+') trees.add(Number(match[2]));
    else trees.delete(Number(match[2]));
  }
});

function engineGone() {
  if (ended) return;
  ended = true;
  if (trees.size === 0) process.exit(0);
  for (const pid of trees) killTree(pid, false);
  setTimeout(() => {
    for (const pid of trees) killTree(pid, true);
    process.exit(0);
  }, graceMs);
}
process.stdin.on('end', engineGone);
process.stdin.on('close', engineGone);
process.stdin.on('error', engineGone);
`;
