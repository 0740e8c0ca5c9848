// Claude Code will not skip permissions as root ("--dangerously-skip-permissions cannot be used
// with root/sudo privileges"), so "Allow everything" cannot work when Switchboard runs as root:
// said when the task is saved, before a run starts, and in plain words if a run fails on it.
import type { TaskProblem } from '../../../shared/domain';

/** What Claude Code prints when it refuses; a run that fails with it is explained, not resumed. */
const CLAUDE_REFUSAL = /dangerously-skip-permissions cannot be used with root\/sudo/;

export const BYPASS_AS_ROOT: Pick<TaskProblem, 'message' | 'fix'> = {
  message:
    'Claude Code refuses "Allow everything without asking" while Switchboard runs as root: it ' +
    'will not skip permissions with root or sudo privileges.',
  fix:
    'Choose another permission mode, or run Switchboard as a normal user. (Only inside a ' +
    'throwaway container or VM: start Switchboard with IS_SANDBOX=1, which Claude Code accepts.)',
};

/**
 * Whether Claude Code started by this engine would refuse bypassPermissions: the process runs as
 * root and the environment it passes on does not carry Claude Code's sandbox flag.
 */
export function refusesBypass(
  env: Record<string, string | undefined>,
  uid: number | undefined = process.getuid?.(),
): boolean {
  // Claude Code accepts exactly "1" (seen: IS_SANDBOX=yes is still refused).
  return uid === 0 && env.IS_SANDBOX !== '1';
}

/** Claude Code's own refusal, said as cause and fix; null for any other failure. */
export function explainRootRefusal(failure: string): string | null {
  return CLAUDE_REFUSAL.test(failure) ? `${BYPASS_AS_ROOT.message} ${BYPASS_AS_ROOT.fix}` : null;
}
