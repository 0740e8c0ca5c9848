// An answer's Markdown in the HTML export: read as the panel reads it (GitHub flavour, single
// newlines kept), with nothing of the text's own markup, no script link and no image load.
import { describe, expect, it } from 'vitest';
import {
  markdownToHtml,
  parsedToHtml,
} from '../../../../src/main/engine/export/export-markdown-html';

describe('markdownToHtml', () => {
  it('renders headings, lists, emphasis, code and tables as the panel does', () => {
    const html = markdownToHtml(
      [
        '## Plan',
        'First line',
        'second line',
        '',
        '- **bold** and *soft*',
        '- [x] done',
        '',
        '```ts',
        'const a = 1 < 2;',
        '```',
        '',
        '| File | Lines |',
        '| :-- | --: |',
        '| `a.ts` | 3 |',
      ].join('\n'),
    );
    expect(html).toContain('<h2>Plan</h2>');
    expect(html).toContain('<p>First line<br>\nsecond line</p>');
    expect(html).toContain('<li><strong>bold</strong> and <em>soft</em></li>');
    expect(html).toContain('☑ done');
    expect(html).toContain('<pre><code class="language-ts">const a = 1 &#60; 2;\n</code></pre>');
    expect(html).toContain('<th style="text-align: left">File</th>');
    expect(html).toContain('<td style="text-align: right">3</td>');
    expect(html).toContain('<td style="text-align: left"><code>a.ts</code></td>');
  });

  it('drops raw HTML, keeps only http(s) and mailto links, and loads no image', () => {
    const html = markdownToHtml(
      [
        '<script>alert(1)</script><b onclick="x()">raw</b>',
        '',
        '[docs](https://example.com/a?b="c") [mail](mailto:a@b.c) [bad](javascript:alert(1))',
        '',
        '![a chart](https://example.com/chart.png)',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<script|<b |onclick|<img|src=|javascript:/i);
    expect(html).toContain(
      '<a href="https://example.com/a?b=%22c%22" rel="noreferrer noopener">docs</a>',
    );
    expect(html).toContain('<a href="mailto:a@b.c" rel="noreferrer noopener">mail</a>');
    expect(html).toContain('<a>bad</a>');
    expect(html).toContain('[image: a chart]');
  });

  it('writes plain text without the parser exactly as the parser would', () => {
    const plain = [
      'Step 12: reading part 12.',
      'Two lines\nof one paragraph.',
      'First paragraph.\n\nSecond one, after a blank line.\n',
      '  Leading spaces and a colon: fine.  ',
      'Quotes "here" and \'there\', 50% done; a/b/c, $5, ok?',
      'One\n\n\n\nTwo',
    ];
    for (const text of plain) expect(markdownToHtml(text)).toBe(parsedToHtml(text));
    // What could be markup goes to the parser.
    const markup = ['- item', '1. first', 'Title\n---', 'see https://x.y', '    code', 'a *b*'];
    for (const text of markup) expect(markdownToHtml(text)).toBe(parsedToHtml(text));
  });
});
