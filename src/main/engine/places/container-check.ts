// "Test this place" for a container: the engine (podman or docker) answers, the image is here
// (it is never pulled), Claude Code in it starts and says its version, the wrapper's tools are
// there, and the extra mounts exist on this machine. Each missing thing is one sentence.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ContainerPlaceConfig, PlaceCheck } from '../../../shared/domain';
import { CHECK_SCRIPT } from './place-check';
import { CLIENT_ENV } from './container-spawn';
import { pickEnvironment } from './ssh-spawn';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}

export async function checkContainerPlace(
  container: ContainerPlaceConfig,
  env: Record<string, string | undefined>,
  clock: () => number = Date.now,
): Promise<PlaceCheck> {
  const started = clock();
  const problems: string[] = [];
  let claudeVersion: string | null = null;
  const run = (args: string[]) => execute(container.engine, args, pickEnvironment(env, CLIENT_ENV));
  const version = await run(['--version']);
  if (version.missing || version.code !== 0) {
    problems.push(
      `${container.engine} is not installed on this machine (or did not start): install it (apt-get install ${container.engine}) and test again.`,
    );
  } else {
    const inside = await run([
      'run',
      '--rm',
      '-i',
      '--pull=never',
      '--network=none',
      '--entrypoint',
      'sh',
      container.image,
      '-c',
      CHECK_SCRIPT,
      'switchboard-check',
      container.claudePath,
      '/',
    ]);
    if (
      /image not known|no such image|unable to find image|not found in local storage/i.test(
        inside.stderr,
      )
    ) {
      problems.push(
        `The image ${container.image} is not on this machine: build or pull it first (${container.engine} pull ${container.image}); runs never pull it.`,
      );
    } else if (inside.code !== 0 && inside.stdout === '') {
      const last = inside.stderr.trim().split('\n').pop() ?? '';
      problems.push(
        `The container did not start: ${last || `${container.engine} ended without saying why`}.`,
      );
    } else {
      for (const line of inside.stdout.split('\n')) {
        const [word = '', ...rest] = line.trim().split(' ');
        const detail = rest.join(' ');
        if (word === 'claude-version') claudeVersion = detail;
        else if (word === 'claude-missing') {
          problems.push(
            `Claude Code was not found at ${container.claudePath} in ${container.image}: add it to the image or give its full path there.`,
          );
        } else if (word === 'claude-broken') {
          problems.push(`Claude Code in ${container.image} did not start: ${detail}`);
        } else if (word === 'tool-missing') {
          problems.push(
            `The command ${detail} is missing in ${container.image}; Switchboard's wrapper needs it.`,
          );
        }
      }
    }
  }
  for (const mount of container.mounts) {
    if (!existsSync(mount.hostPath)) {
      problems.push(`The folder ${mount.hostPath} to mount does not exist on this machine.`);
    }
  }
  return {
    ok: problems.length === 0,
    problems,
    // No host key for a container: it is on this machine.
    hostKey: { status: 'trusted', fingerprint: null },
    claudeVersion,
    tookMs: clock() - started,
  };
}

function execute(command: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, missing });
    });
    child.stdin?.end();
  });
}
