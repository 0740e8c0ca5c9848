// The values a person hands a running session (secret requests), where the session's shell
// commands find them: Claude Code sources the script named by CLAUDE_ENV_FILE before each Bash
// command; Switchboard's script sources one private file per session, written when a value is
// given. Claude Code reads that script once per session, so it only points at the per-session
// file, which may appear or grow later. The files live in the data folder (owner-only) while the
// run lasts and are removed when it ends; the keychain keeps only what the person saved for a task.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** An environment variable name a shell accepts (and the keychain's names follow). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SESSION_ID = /^[A-Za-z0-9-]+$/;

export class SessionEnvFiles {
  readonly folder: string;
  /** The script Claude Code is pointed at (CLAUDE_ENV_FILE) for every session. */
  readonly sourceScript: string;

  /** `inherited`: a CLAUDE_ENV_FILE the engine was started with, still sourced first. */
  constructor(dataDir: string, inherited?: string) {
    this.folder = join(dataDir, 'session-env');
    this.sourceScript = join(this.folder, 'source.sh');
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    chmodSync(this.folder, 0o700);
    const lines = [
      '# Written by Switchboard: the values given to this Claude Code session, when there are any.',
      ...(inherited ? [`[ -r ${quote(inherited)} ] && . ${quote(inherited)}`] : []),
      `if [ -n "$CLAUDE_CODE_SESSION_ID" ] && [ -r ${quote(this.folder)}/"$CLAUDE_CODE_SESSION_ID".sh ]; then`,
      `  . ${quote(this.folder)}/"$CLAUDE_CODE_SESSION_ID".sh`,
      'fi',
      '',
    ];
    writeFileSync(this.sourceScript, lines.join('\n'), { mode: 0o600 });
  }

  /** The values given to a session so far, by name. */
  given(sessionId: string): Record<string, string> {
    const path = this.jsonPath(sessionId);
    if (path === null || !existsSync(path)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter(
          (entry): entry is [string, string] =>
            ENV_NAME.test(entry[0]) && typeof entry[1] === 'string',
        ),
      );
    } catch {
      return {};
    }
  }

  /** Adds (or replaces) one value; the session's next shell command has it. */
  give(sessionId: string, name: string, value: string): void {
    const json = this.jsonPath(sessionId);
    const script = this.scriptPath(sessionId);
    if (json === null || script === null) throw new Error('The session has no usable id.');
    if (!ENV_NAME.test(name)) throw new Error(`${name} is not an environment variable name.`);
    const values = { ...this.given(sessionId), [name]: value };
    writeFileSync(json, JSON.stringify(values), { mode: 0o600 });
    const exports = Object.entries(values).map(([key, val]) => `export ${key}=${quote(val)}`);
    writeFileSync(script, `${exports.join('\n')}\n`, { mode: 0o600 });
  }

  /** The sessions that hold given values. */
  sessions(): string[] {
    return readdirSync(this.folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .filter((id) => SESSION_ID.test(id));
  }

  /** The run is over: its session's values are forgotten. */
  forget(sessionId: string): void {
    for (const path of [this.jsonPath(sessionId), this.scriptPath(sessionId)]) {
      if (path !== null) rmSync(path, { force: true });
    }
  }

  private jsonPath(sessionId: string): string | null {
    return SESSION_ID.test(sessionId) ? join(this.folder, `${sessionId}.json`) : null;
  }

  private scriptPath(sessionId: string): string | null {
    return SESSION_ID.test(sessionId) ? join(this.folder, `${sessionId}.sh`) : null;
  }
}

/** A shell word that stands for exactly `text`. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
