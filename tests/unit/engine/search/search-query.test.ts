// The person's words become a MATCH expression that FTS5 never reads as syntax, and snippets mark
// exactly the words that matched.
import { describe, expect, it } from 'vitest';
import {
  matchExpression,
  parseTerms,
  snippet,
} from '../../../../src/main/engine/search/search-query';

const marked = (parts: { text: string; match: boolean }[]) =>
  parts.map((part) => (part.match ? `[${part.text}]` : part.text)).join('');

describe('search terms', () => {
  it('needs every word, quotes a phrase, and takes the word being typed as a prefix', () => {
    expect(matchExpression(parseTerms('failing test'))).toBe('"failing" AND "test" *');
    expect(matchExpression(parseTerms('"npm run" build '))).toBe('"npm run" AND "build"');
    expect(matchExpression(parseTerms('src/app/main.ts'))).toBe('"src app main ts"');
    expect(matchExpression(parseTerms('src/app/main.tsx'))).toBe('"src app main tsx" *');
  });

  it('reads query syntax as plain words, and nothing searchable as no query', () => {
    expect(matchExpression(parseTerms('NEAR(a b) OR -x'))).toBe(
      '"near a" AND "b" AND "or" AND "x"',
    );
    expect(matchExpression(parseTerms('*** "" --'))).toBeNull();
  });
});

describe('snippets', () => {
  it('marks whole matched words, and the prefix of the word being typed', () => {
    const terms = parseTerms('quokka err');
    expect(marked(snippet('A Quokka met an error; quokkas erred.', terms))).toBe(
      'A [Quokka] met an [error]; quokkas [erred].',
    );
  });

  it('shows a window around the first match in a long text, whitespace folded', () => {
    const body = `${'lead '.repeat(500)}the\n\n  needle here ${'tail '.repeat(500)}`;
    const text = marked(snippet(body, parseTerms('"needle"')));
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('the [needle] here');
    expect(text.length).toBeLessThan(260);
  });
});
