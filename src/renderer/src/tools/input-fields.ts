// Reads fields of a tool's input defensively: the input comes from the model, not from us.
import { isRecord } from '../../../shared/typing';

export function stringField(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

export function recordList(input: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = input[key];
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter(isRecord);
}

/** The one line that says what a tool call is about: a command, a path, a pattern. */
export function toolSummary(name: string, input: Record<string, unknown>): string {
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const value = stringField(input, key);
      if (value) return value;
    }
    return '';
  };
  switch (name) {
    case 'Bash':
      return pick('command');
    case 'Edit':
    case 'MultiEdit':
    case 'Write':
    case 'Read':
    case 'NotebookEdit':
      return pick('file_path', 'notebook_path');
    case 'Grep':
    case 'Glob':
      return [pick('pattern'), pick('path')].filter(Boolean).join(' in ');
    case 'WebFetch':
      return pick('url');
    case 'WebSearch':
      return pick('query');
    case 'Task':
      return pick('description', 'prompt');
    default:
      return pick('description', 'command', 'file_path', 'path', 'url', 'query');
  }
}
