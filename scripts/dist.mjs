// `npm run dist [-- --mac|--win|--linux] [--x64|--arm64]`: builds, then packages with
// electron-builder, but first makes sure Claude Code's binary for each target platform is
// installed. npm installs only this machine's platform package of the Agent SDK, and a package
// for another OS or CPU would ship without Claude Code; this refuses then, naming the fix.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SDK = '@anthropic-ai/claude-agent-sdk';
const PLATFORM_FLAGS = {
  '--mac': 'darwin',
  '-m': 'darwin',
  '--win': 'win32',
  '-w': 'win32',
  '--linux': 'linux',
  '-l': 'linux',
};
const ARCH_FLAGS = { '--x64': 'x64', '--arm64': 'arm64' };

/** The platforms and CPUs electron-builder will package for these arguments (default: this machine). */
export function distTargets(args, host = { platform: process.platform, arch: process.arch }) {
  const platforms = [...new Set(args.flatMap((arg) => PLATFORM_FLAGS[arg] ?? []))];
  const arches = [...new Set(args.flatMap((arg) => ARCH_FLAGS[arg] ?? []))];
  return (platforms.length ? platforms : [host.platform]).flatMap((platform) =>
    (arches.length ? arches : [host.arch]).map((arch) => ({ platform, arch })),
  );
}

/** The Agent SDK package that carries Claude Code for a target, and the binary's path in it. */
export function claudePackage({ platform, arch }) {
  return {
    name: `${SDK}-${platform}-${arch}`,
    binary: platform === 'win32' ? 'claude.exe' : 'claude',
  };
}

/** The problem with packaging for `targets` from `nodeModules`, or null when each has Claude Code. */
export function missingClaudeBinaries(targets, nodeModules, sdkVersion) {
  const missing = targets
    .map(claudePackage)
    .filter(({ name, binary }) => !existsSync(join(nodeModules, name, binary)));
  if (missing.length === 0) return null;
  const packages = missing.map(({ name }) => `${name}@${sdkVersion}`).join(' ');
  return [
    `Claude Code's binary for ${missing.map(({ name }) => name.slice(SDK.length + 1)).join(', ')} is not installed, so that package would ship without it.`,
    "npm installs only this machine's platform package. Install the target's first, then run dist again:",
    `  npm install --no-save --force ${packages}`,
  ].join('\n');
}

/** The environment for electron-builder: signing only with an identity given through it. */
export function signingEnv(env) {
  if (env.CSC_LINK || env.CSC_NAME) return env;
  return { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
}

function main() {
  const args = process.argv.slice(2);
  const nodeModules = join(ROOT, 'node_modules');
  const sdkVersion = JSON.parse(
    readFileSync(join(nodeModules, SDK, 'package.json'), 'utf8'),
  ).version;
  const problem = missingClaudeBinaries(distTargets(args), nodeModules, sdkVersion);
  if (problem) {
    console.error(`switchboard dist: ${problem}`);
    process.exit(1);
  }
  const run = (script, scriptArgs) => {
    const result = spawnSync(process.execPath, [join(nodeModules, script), ...scriptArgs], {
      cwd: ROOT,
      stdio: 'inherit',
      env: signingEnv(process.env),
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  };
  run('electron-vite/bin/electron-vite.js', ['build']);
  run('electron-builder/cli.js', args);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
