// A pull request's title and body drawn from the run: the conversation's first prompt, the last
// answer, and the files its branch changed. Secret values are replaced as in the transcript.

export interface PullRequestSource {
  /** The conversation's first prompt. */
  prompt: string;
  /** The last answer of the conversation, if any. */
  answer: string | null;
  /** `git diff --name-status` lines against the base branch. */
  files: { status: string; path: string }[];
  runId: string;
}

const TITLE_CHARS = 72;
const SECTION_CHARS = 20_000;
const LISTED_FILES = 200;

export function pullRequestTitle(prompt: string): string {
  const line =
    prompt
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  const title = line === '' ? 'Changes from a Switchboard run' : line;
  return title.length <= TITLE_CHARS ? title : `${title.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}

export function pullRequestBody(
  source: PullRequestSource,
  redact: (text: string) => string,
): string {
  const parts = ['## Prompt', '', quote(redact(cut(source.prompt)))];
  if (source.answer !== null && source.answer.trim() !== '') {
    parts.push('', '## Answer', '', redact(cut(source.answer.trim())));
  }
  parts.push('', '## Files changed', '');
  if (source.files.length === 0) parts.push('None.');
  for (const file of source.files.slice(0, LISTED_FILES)) {
    parts.push(`- ${STATUS_WORDS[file.status[0] ?? ''] ?? 'changed'}: \`${file.path}\``);
  }
  if (source.files.length > LISTED_FILES) {
    parts.push(`- and ${source.files.length - LISTED_FILES} more`);
  }
  parts.push('', `---`, `Opened from Switchboard run ${source.runId}.`);
  return parts.join('\n');
}

/** `git diff --name-status -z` output as status and path (the new path of a rename). */
export function parseNameStatus(output: string): { status: string; path: string }[] {
  const fields = output.split('\0').filter((f) => f !== '');
  const files: { status: string; path: string }[] = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i] ?? '';
    const paths = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    const path = fields[i + paths];
    if (path !== undefined) files.push({ status, path });
    i += paths + 1;
  }
  return files;
}

const STATUS_WORDS: Record<string, string> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type changed',
};

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

function cut(text: string): string {
  return text.length <= SECTION_CHARS ? text : `${text.slice(0, SECTION_CHARS)}\n\n[cut]`;
}
