// A pull request's title and body, drawn from the run.
import { describe, expect, it } from 'vitest';
import {
  parseNameStatus,
  pullRequestBody,
  pullRequestTitle,
} from '../../../../src/main/engine/pull-requests/pull-request-text';

describe('pullRequestTitle', () => {
  it('is the first line of the prompt, cut to 72 characters', () => {
    expect(pullRequestTitle('\n  Fix the login form  \nand more')).toBe('Fix the login form');
    const long = pullRequestTitle('x'.repeat(100));
    expect(long).toHaveLength(72);
    expect(long.endsWith('…')).toBe(true);
    expect(pullRequestTitle('   ')).toBe('Changes from a Switchboard run');
  });
});

describe('pullRequestBody', () => {
  it('quotes the prompt, gives the answer and lists the files, with secrets redacted', () => {
    const body = pullRequestBody(
      {
        prompt: 'Use key s3cr3t-value\nthen fix it',
        answer: 'Done with s3cr3t-value.',
        files: [
          { status: 'A', path: 'new.ts' },
          { status: 'R100', path: 'moved.ts' },
        ],
        runId: 'run_1',
      },
      (text) => text.split('s3cr3t-value').join('[redacted:KEY]'),
    );
    expect(body).toContain('> Use key [redacted:KEY]\n> then fix it');
    expect(body).toContain('## Answer\n\nDone with [redacted:KEY].');
    expect(body).toContain('- added: `new.ts`\n- renamed: `moved.ts`');
    expect(body).toContain('Opened from Switchboard run run_1.');
    expect(body).not.toContain('s3cr3t-value');
  });
});

describe('parseNameStatus', () => {
  it('reads git diff --name-status -z, taking the new path of a rename', () => {
    expect(parseNameStatus('M\0a.txt\0R090\0old.txt\0new.txt\0D\0gone.txt\0')).toEqual([
      { status: 'M', path: 'a.txt' },
      { status: 'R090', path: 'new.txt' },
      { status: 'D', path: 'gone.txt' },
    ]);
  });
});
