// Syntax colours for diff lines with highlight.js, loaded only when a diff is first shown (its
// own chunk) and only with the languages listed here. Lines are coloured one at a time.
import { useEffect, useState } from 'react';

type HighlightCore = typeof import('highlight.js/lib/core').default;

const BY_EXTENSION: Record<string, string> = {
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  json: 'json',
  css: 'css',
  html: 'xml',
  xml: 'xml',
  svg: 'xml',
  md: 'markdown',
  py: 'python',
  sh: 'bash',
  bash: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  sql: 'sql',
};

let loading: Promise<HighlightCore> | undefined;

function load(): Promise<HighlightCore> {
  loading ??= (async () => {
    const [core, ...languages] = await Promise.all([
      import('highlight.js/lib/core'),
      import('highlight.js/lib/languages/javascript'),
      import('highlight.js/lib/languages/typescript'),
      import('highlight.js/lib/languages/json'),
      import('highlight.js/lib/languages/css'),
      import('highlight.js/lib/languages/xml'),
      import('highlight.js/lib/languages/markdown'),
      import('highlight.js/lib/languages/python'),
      import('highlight.js/lib/languages/bash'),
      import('highlight.js/lib/languages/yaml'),
      import('highlight.js/lib/languages/go'),
      import('highlight.js/lib/languages/rust'),
      import('highlight.js/lib/languages/java'),
      import('highlight.js/lib/languages/c'),
      import('highlight.js/lib/languages/cpp'),
      import('highlight.js/lib/languages/sql'),
    ]);
    const hljs = core.default;
    const names = [
      'javascript',
      'typescript',
      'json',
      'css',
      'xml',
      'markdown',
      'python',
      'bash',
      'yaml',
      'go',
      'rust',
      'java',
      'c',
      'cpp',
      'sql',
    ];
    languages.forEach((language, index) =>
      hljs.registerLanguage(names[index] ?? '', language.default),
    );
    return hljs;
  })();
  return loading;
}

export function languageOf(path: string): string | null {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? null : (BY_EXTENSION[extension] ?? null);
}

/** Returns a function giving a line's HTML (escaped, with token spans), or null until ready. */
export function useHighlighter(path: string): ((text: string) => string) | null {
  const language = languageOf(path);
  const [core, setCore] = useState<HighlightCore | null>(null);
  useEffect(() => {
    if (language === null) return;
    let live = true;
    void load().then((hljs) => {
      if (live) setCore(() => hljs);
    });
    return () => {
      live = false;
    };
  }, [language]);
  if (core === null || language === null) return null;
  const cache = cacheFor(path);
  return (text: string) => {
    let html = cache.get(text);
    if (html === undefined) {
      html = core.highlight(text, { language, ignoreIllegals: true }).value;
      cache.set(text, html);
    }
    return html;
  };
}

const caches = new Map<string, Map<string, string>>();
function cacheFor(path: string): Map<string, string> {
  let cache = caches.get(path);
  if (!cache) {
    if (caches.size > 50) caches.clear();
    cache = new Map();
    caches.set(path, cache);
  }
  return cache;
}
