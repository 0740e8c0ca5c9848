// `npm start` on Linux: Chromium's sandbox stays on wherever user namespaces or the SUID helper
// work; only where neither can (Ubuntu 24.04+'s AppArmor restriction, an unset helper) does it
// start without the sandbox, saying why and how to keep it.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/start-desktop.mjs');
const { linuxSandboxProblem } = (await import(SCRIPT)) as {
  linuxSandboxProblem: (facts: Record<string, unknown>) => string | null;
};

const ubuntu2404 = {
  platform: 'linux',
  uid: 1000,
  unprivilegedUsernsClone: null,
  maxUserNamespaces: '63000\n',
  apparmorRestrictUserns: '1\n',
  apparmorProfileNamesElectron: false,
  electronBinary: '/src/switchboard/node_modules/electron/dist/electron',
  // As npm installs it: the person's own, not setuid.
  sandboxHelper: { uid: 1000, mode: 0o100755 },
  sandboxHelperPath: '/src/switchboard/node_modules/electron/dist/chrome-sandbox',
};

describe('the Linux sandbox check behind npm start', () => {
  it('starts without the sandbox only where neither user namespaces nor the SUID helper work', () => {
    const problem = linuxSandboxProblem(ubuntu2404);
    expect(problem).toContain('AppArmor');
    expect(problem).toContain(
      'sudo chmod 4755 /src/switchboard/node_modules/electron/dist/chrome-sandbox',
    );
    expect(problem).toContain('Desktop on Linux');
  });

  it('keeps the sandbox where it can work', () => {
    // Namespaces allowed (most distributions; AppArmor's restriction off).
    expect(linuxSandboxProblem({ ...ubuntu2404, apparmorRestrictUserns: '0\n' })).toBeNull();
    expect(linuxSandboxProblem({ ...ubuntu2404, apparmorRestrictUserns: null })).toBeNull();
    // A profile grants the Electron binary user namespaces.
    expect(linuxSandboxProblem({ ...ubuntu2404, apparmorProfileNamesElectron: true })).toBeNull();
    // The SUID helper is set up.
    expect(
      linuxSandboxProblem({ ...ubuntu2404, sandboxHelper: { uid: 0, mode: 0o104755 } }),
    ).toBeNull();
    expect(linuxSandboxProblem({ ...ubuntu2404, platform: 'darwin' })).toBeNull();
  });

  it('knows the other switches that turn user namespaces off', () => {
    const open = { ...ubuntu2404, apparmorRestrictUserns: null };
    expect(linuxSandboxProblem({ ...open, unprivilegedUsernsClone: '0\n' })).not.toBeNull();
    expect(linuxSandboxProblem({ ...open, maxUserNamespaces: '0\n' })).not.toBeNull();
    expect(linuxSandboxProblem({ ...open, uid: 0 })).toContain('root');
  });
});
