// Reads a shell command far enough to tell its simple commands apart (`a && b | c; d`), so an
// allow rule has to cover each of them. Anything it cannot read with confidence (command or
// process substitution, subshells, here-documents, unclosed quotes) makes the whole command
// unreadable: then only a rule for the exact command, or for any command, covers it.

export interface CommandPart {
  /** The simple command as written, trimmed. */
  text: string;
  /** It sends output into a file (`> file`, `>> file`); `2>&1` and `/dev/null` do not count. */
  writesFile: boolean;
}

/** The simple commands of `command`, in order; null when it cannot be read with confidence. */
export function splitCommand(command: string): CommandPart[] | null {
  const parts: CommandPart[] = [];
  let current = '';
  let writesFile = false;
  const close = (): void => {
    const text = current.trim();
    if (text !== '') parts.push({ text, writesFile });
    current = '';
    writesFile = false;
  };
  let i = 0;
  while (i < command.length) {
    const char = command.charAt(i);
    const next = command.charAt(i + 1);
    if (char === '\\') {
      current += command.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) return null;
      current += command.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === '"') {
      const end = closingDoubleQuote(command, i + 1);
      if (end === -1) return null;
      current += command.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === '`' || (char === '$' && next === '(') || char === '(' || char === ')') {
      return null;
    }
    if ((char === '<' || char === '>') && next === '(') return null;
    if (char === '<' && next === '<') return null;
    if (char === '>' || (char === '&' && next === '>')) {
      const redirect = readRedirect(command, i);
      if (redirect.target === null) return null;
      if (redirect.intoFile) writesFile = true;
      current += command.slice(i, redirect.end);
      i = redirect.end;
      continue;
    }
    if (char === ';' || char === '\n' || char === '|' || char === '&') {
      close();
      i +=
        (char === '|' || char === '&') && (next === char || (char === '|' && next === '&')) ? 2 : 1;
      continue;
    }
    current += char;
    i += 1;
  }
  close();
  return parts;
}

/** Index of the `"` closing a double-quoted string opened before `from`; -1 when unclosed or unsafe. */
function closingDoubleQuote(command: string, from: number): number {
  for (let i = from; i < command.length; i++) {
    const char = command.charAt(i);
    if (char === '\\') {
      i += 1;
      continue;
    }
    // Substitutions run inside double quotes too.
    if (char === '`' || (char === '$' && command.charAt(i + 1) === '(')) return -1;
    if (char === '"') return i;
  }
  return -1;
}

/** Reads a redirection at `start` (`>`, `>>`, `>|`, `&>`, `>&2`) and its target word. */
function readRedirect(
  command: string,
  start: number,
): { end: number; target: string | null; intoFile: boolean } {
  let i = start;
  if (command.charAt(i) === '&') i += 1;
  i += 1; // the '>'
  if (command.charAt(i) === '>' || command.charAt(i) === '|') i += 1;
  if (command.charAt(i) === '&') {
    // A copy of another stream (2>&1, >&2): no file.
    const fd = /^&(\d+|-)/.exec(command.slice(i));
    if (fd) return { end: i + fd[0].length, target: fd[0], intoFile: false };
  }
  while (command.charAt(i) === ' ' || command.charAt(i) === '\t') i += 1;
  const word = /^[^\s;&|<>()]+/.exec(command.slice(i))?.[0];
  if (word === undefined) return { end: i, target: null, intoFile: false };
  return { end: i + word.length, target: word, intoFile: word !== '/dev/null' };
}
