// The skill library: skills (a folder with a SKILL.md) Switchboard keeps in its data folder, and
// what a run of a task that attaches some gets: a plugin folder of its own holding copies of
// them, passed with the SDK's `plugins` option, so only that run's session sees them and nothing
// is written into the person's project or Claude Code configuration. The run's copy goes when it
// ends; the library keeps the skills.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Skill, Task } from '../../../shared/domain';
import { ApiError, notFound } from '../../../shared/errors';
import type { MethodParams } from '../../../shared/contract';
import type { Store } from '../store';

/** The plugin every run's skills come in; Claude Code names them `switchboard:<skill>`. */
export const SKILLS_PLUGIN = 'switchboard';
const SKILL_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class SkillLibrary {
  private readonly folder: string;
  private readonly runsFolder: string;

  constructor(private readonly deps: { store: Store; dataDir: string }) {
    this.folder = join(deps.dataDir, 'skills');
    this.runsFolder = join(deps.dataDir, 'run-skills');
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    // Built at start, when no session runs: copies a crash left behind go.
    rmSync(this.runsFolder, { recursive: true, force: true });
  }

  list(): Skill[] {
    return this.names()
      .map((name) => this.read(name))
      .filter((skill): skill is Skill => skill !== undefined);
  }

  has(name: string): boolean {
    return SKILL_NAME.test(name) && existsSync(join(this.folder, name, 'SKILL.md'));
  }

  save(params: MethodParams<'skills.save'>): Skill {
    const dir = join(this.folder, params.name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'SKILL.md'), skillFile(params), { mode: 0o600 });
    const saved = this.read(params.name);
    if (!saved) throw notFound('skill', params.name);
    return saved;
  }

  delete(name: string): { ok: true } {
    const skill = this.read(name);
    if (!skill) throw notFound('skill', name);
    if (skill.usedBy.length > 0) {
      const titles = skill.usedBy.map((task) => `“${task.title}”`).join(', ');
      const those = skill.usedBy.length > 1 ? 'those tasks' : 'that task';
      throw new ApiError(
        'conflict',
        `${name} is attached to ${titles}; take it off ${those} first.`,
      );
    }
    rmSync(join(this.folder, name), { recursive: true, force: true });
    return { ok: true };
  }

  /**
   * A plugin folder for one run holding copies of the task's skills (a skill changed or deleted
   * meanwhile does not change a run under way); null when the task attaches none.
   */
  pluginFor(runId: string, task: Pick<Task, 'skills'>): string | null {
    const names = task.skills.filter((name) => this.has(name));
    if (names.length === 0) return null;
    const root = join(this.runsFolder, runId);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, '.claude-plugin'), { recursive: true, mode: 0o700 });
    writeFileSync(
      join(root, '.claude-plugin', 'plugin.json'),
      JSON.stringify({
        name: SKILLS_PLUGIN,
        description: "The skills Switchboard gives this task's runs.",
        version: '1.0.0',
      }),
      { mode: 0o600 },
    );
    for (const name of names) {
      cpSync(join(this.folder, name), join(root, 'skills', name), { recursive: true });
    }
    return root;
  }

  /** The run's session is over: its copy goes. */
  ended(runId: string): void {
    rmSync(join(this.runsFolder, runId), { recursive: true, force: true });
  }

  private names(): string[] {
    return readdirSync(this.folder)
      .filter((name) => this.has(name))
      .sort();
  }

  private read(name: string): Skill | undefined {
    if (!this.has(name)) return undefined;
    const { description, instructions } = parseSkillFile(
      readFileSync(join(this.folder, name, 'SKILL.md'), 'utf8'),
    );
    const usedBy = this.deps.store.tasks
      .list()
      .filter((task) => task.skills.includes(name))
      .map((task) => ({ taskId: task.id, title: task.title }));
    return { name, description, instructions, usedBy };
  }
}

function skillFile(skill: { name: string; description: string; instructions: string }): string {
  // JSON strings are valid YAML scalars: the description needs no escaping rules of its own.
  return [
    '---',
    `name: ${skill.name}`,
    `description: ${JSON.stringify(skill.description.replace(/\s+/g, ' '))}`,
    '---',
    '',
    skill.instructions.trim(),
    '',
  ].join('\n');
}

function parseSkillFile(text: string): { description: string; instructions: string } {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) return { description: '', instructions: text.trim() };
  const line = /^description:\s*(.*)$/m.exec(match[1] ?? '')?.[1]?.trim() ?? '';
  let description = line;
  try {
    const parsed: unknown = line.startsWith('"') ? JSON.parse(line) : line;
    if (typeof parsed === 'string') description = parsed;
  } catch {
    // A hand-written description that is not JSON: shown as written.
  }
  return { description, instructions: (match[2] ?? '').trim() };
}
