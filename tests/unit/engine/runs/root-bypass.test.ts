// "Allow everything" as root: when Claude Code would refuse it, and its refusal in plain words.
import { describe, expect, it } from 'vitest';
import { checkBeforeStart } from '../../../../src/main/engine/runs/preflight';
import { explainRootRefusal, refusesBypass } from '../../../../src/main/engine/runs/root-bypass';

describe('bypass as root', () => {
  it('is refused as root unless Claude Code’s sandbox flag is exactly 1', () => {
    expect(refusesBypass({}, 0)).toBe(true);
    expect(refusesBypass({ IS_SANDBOX: 'yes' }, 0)).toBe(true);
    expect(refusesBypass({ IS_SANDBOX: '1' }, 0)).toBe(false);
    expect(refusesBypass({}, 1000)).toBe(false);
  });

  it('is a problem before a run starts, only for that mode', () => {
    const subject = (permissionMode: 'bypassPermissions' | 'default') => ({
      task: { cwd: process.cwd(), permissionMode },
      settings: { claudeExecutablePath: null },
      refusesBypass: true,
    });
    const [problem, ...others] = checkBeforeStart(subject('bypassPermissions')).problems;
    expect(others).toEqual([]);
    expect(problem?.code).toBe('bypass_as_root');
    expect(problem?.fix).toMatch(/normal user/);
    expect(checkBeforeStart(subject('default')).ok).toBe(true);
  });

  it('says Claude Code’s own refusal as cause and fix', () => {
    const raw =
      'Claude Code process exited with code 1\n--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons';
    expect(explainRootRefusal(raw)).toMatch(/^Claude Code refuses .* normal user/);
    expect(explainRootRefusal('some other failure')).toBeNull();
  });
});
