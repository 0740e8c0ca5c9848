// What the warm spare is prewarmed with: the host-level options every run shares under the
// current settings and sign-in (the same ones buildSessionOptions gives a run).
import type { Settings } from '../../../shared/domain';
import { SPARE_SETTING_SOURCES, type HostOptions } from './spare-options';
import type { SparePlan } from './warm-spare';
import { withoutKeychainRoutes } from '../secrets/keychain-routes';

export function sparePlan(environment: {
  settings: Settings;
  baseEnv: Record<string, string | undefined>;
  /** The sign-in secrets only: a task's own secrets make its runs start cold. */
  secretEnv: Record<string, string>;
}): SparePlan {
  const { settings } = environment;
  const host: HostOptions = {
    // As a run without keychain access has it; a task with access starts cold.
    env: { ...withoutKeychainRoutes(environment.baseEnv), ...environment.secretEnv },
    includePartialMessages: true,
    systemPrompt: { type: 'preset', preset: 'claude_code' },
    settingSources: SPARE_SETTING_SOURCES,
  };
  if (settings.claudeExecutablePath)
    host.pathToClaudeCodeExecutable = settings.claudeExecutablePath;
  return {
    enabled: settings.performance.warmSpare,
    host,
    lowerPriority: settings.performance.lowerClaudePriority,
  };
}
