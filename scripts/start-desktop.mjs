// `npm start`: electron-vite's dev mode, with Chromium's sandbox on wherever it can work. On Linux
// without unprivileged user namespaces (Ubuntu 24.04+ restricts them through AppArmor) Chromium
// falls back to its SUID helper, node_modules/electron/dist/chrome-sandbox; unless that is owned
// by root with mode 4755, Electron aborts at start ("The SUID sandbox helper binary was found, but
// is not configured correctly"). Only then does it start without the sandbox, and says so.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Why Electron's sandbox cannot start here (a message for the person), or null when it can.
 * `facts`: platform, uid, the sysctls that switch user namespaces off (file text or null),
 * whether an AppArmor profile names the Electron binary, and the SUID helper's owner and mode.
 */
export function linuxSandboxProblem(facts) {
  if (facts.platform !== 'linux') return null;
  if (facts.uid === 0)
    return 'Chromium refuses to run its sandbox as root; starting without it. Run as your own user to keep it.';
  const restricted =
    facts.unprivilegedUsernsClone?.trim() === '0' ||
    facts.maxUserNamespaces?.trim() === '0' ||
    (facts.apparmorRestrictUserns?.trim() === '1' && !facts.apparmorProfileNamesElectron);
  if (!restricted) return null;
  const helper = facts.sandboxHelper;
  if (helper && helper.uid === 0 && (helper.mode & 0o4755) === 0o4755) return null;
  return [
    'This system does not let unprivileged programs create user namespaces (on Ubuntu 24.04 and',
    "later, AppArmor's restriction), and Electron's SUID sandbox helper is not set up, so Electron",
    "would abort. Starting without Chromium's sandbox. To keep it, do one of these once:",
    `  - an AppArmor profile for ${facts.electronBinary} (see README, "Desktop on Linux"), or`,
    `  - sudo chown root:root ${facts.sandboxHelperPath} && sudo chmod 4755 ${facts.sandboxHelperPath}`,
  ].join('\n');
}

function readOrNull(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Whether any top-level AppArmor profile mentions `binary` (as the profile's attachment). */
function apparmorProfileNames(binary) {
  let names;
  try {
    names = readdirSync('/etc/apparmor.d');
  } catch {
    return false;
  }
  return names.some((name) => readOrNull(join('/etc/apparmor.d', name))?.includes(binary) === true);
}

export function gatherFacts() {
  const dist = join(ROOT, 'node_modules/electron/dist');
  const electronBinary = join(dist, 'electron');
  const sandboxHelperPath = join(dist, 'chrome-sandbox');
  let sandboxHelper = null;
  try {
    const stat = statSync(sandboxHelperPath);
    sandboxHelper = { uid: stat.uid, mode: stat.mode };
  } catch {
    // No helper: Chromium then needs user namespaces (or refuses to start).
  }
  return {
    platform: process.platform,
    uid: process.getuid?.() ?? null,
    unprivilegedUsernsClone: readOrNull('/proc/sys/kernel/unprivileged_userns_clone'),
    maxUserNamespaces: readOrNull('/proc/sys/user/max_user_namespaces'),
    apparmorRestrictUserns: readOrNull('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    apparmorProfileNamesElectron:
      process.platform === 'linux' ? apparmorProfileNames(electronBinary) : false,
    electronBinary,
    sandboxHelper,
    sandboxHelperPath,
  };
}

function main() {
  const args = ['dev', ...process.argv.slice(2)];
  const problem = linuxSandboxProblem(gatherFacts());
  if (problem) {
    console.warn(`[switchboard] ${problem}`);
    args.push('--noSandbox');
  }
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), ...args],
    { cwd: ROOT, stdio: 'inherit' },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
