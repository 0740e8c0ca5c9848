// Settings kept in memory only: engines built by tests, with nothing written to a file.
import type { Settings } from '../../src/shared/domain';
import type { SettingsBackend } from '../../src/main/engine/settings/settings';

export class MemorySettingsBackend implements SettingsBackend {
  constructor(private stored: unknown = {}) {}
  read(): unknown {
    return this.stored;
  }
  write(settings: Settings): void {
    this.stored = settings;
  }
}
