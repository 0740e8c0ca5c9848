// An answer's Markdown as HTML for the export, read the way the panel reads it (GitHub flavour, a
// single newline is a line break). Only plain document tags come out: raw HTML in the text is
// dropped, links keep only http(s) and mailto addresses, and an image becomes its words, so the
// file loads nothing and runs nothing.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const toHast = unified().use(remarkParse).use(remarkGfm).use(remarkBreaks).use(remarkRehype);

/** Tags written as they are; any other element is left out and its content kept. */
const TAGS = new Set([
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
  'section',
]);
const VOID = new Set(['br', 'hr']);
const SAFE_LINK = /^(https?:|mailto:)/i;

export function markdownToHtml(text: string): string {
  return isPlainText(text) ? plainParagraphs(text) : parsedToHtml(text);
}

/** The Markdown parser's reading, whatever the text (markdownToHtml skips it for plain text). */
export function parsedToHtml(text: string): string {
  const tree: Root = toHast.runSync(toHast.parse(text));
  return tree.children.map(node).join('');
}

/**
 * Text with nothing Markdown could read as markup: most short answers ("Reading the tests
 * now."). Parsing those makes most of an export's work and garbage; they come out the same
 * without it (tests/unit/engine/export/export-markdown-html.test.ts compares the two).
 */
function isPlainText(text: string): boolean {
  return (
    !/[\\`*_[\]<>#|~&!()@=]|:\/\/|www\./i.test(text) &&
    !/^[ \t]*(?:[-+]|\d+[.)])|^(?: {4}|\t)|^[ \t]+$/m.test(text)
  );
}

function plainParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => {
      const lines = paragraph.split('\n').map((line) => escapeHtml(line.trim()));
      return `<p>${lines.join('<br>\n')}</p>`;
    })
    .join('\n');
}

function node(item: RootContent | ElementContent): string {
  switch (item.type) {
    case 'text':
      return escapeHtml(item.value);
    case 'element':
      return element(item);
    default:
      // Comments, doctypes and raw HTML: nothing of the text's own markup reaches the file.
      return '';
  }
}

function element(item: Element): string {
  const inner = item.children.map(node).join('');
  if (item.tagName === 'img') {
    const alt = typeof item.properties.alt === 'string' ? item.properties.alt : '';
    return escapeHtml(alt ? `[image: ${alt}]` : '[image]');
  }
  if (item.tagName === 'input') return item.properties.checked ? '☑' : '☐';
  if (!TAGS.has(item.tagName)) return inner;
  const attributes = attributesOf(item);
  if (VOID.has(item.tagName)) return `<${item.tagName}${attributes}>`;
  return `<${item.tagName}${attributes}>${inner}</${item.tagName}>`;
}

function attributesOf(item: Element): string {
  const { href, className, align } = item.properties;
  if (item.tagName === 'a') {
    return typeof href === 'string' && SAFE_LINK.test(href)
      ? ` href="${escapeHtml(href)}" rel="noreferrer noopener"`
      : '';
  }
  if (item.tagName === 'code' && Array.isArray(className)) {
    const language = className.map(String).find((name) => name.startsWith('language-'));
    return language ? ` class="${escapeHtml(language)}"` : '';
  }
  if ((item.tagName === 'td' || item.tagName === 'th') && typeof align === 'string') {
    return ` style="text-align: ${align === 'right' || align === 'center' ? align : 'left'}"`;
  }
  return '';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
