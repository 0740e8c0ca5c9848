// Assistant text as Markdown (GitHub flavour). Raw HTML in the text is never rendered. A single
// newline is a line break, as in GitHub comments: agents print lines meant to stay lines.
import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
  table: ({ node: _node, ...props }) => (
    <div className="markdown-table">
      <table {...props} />
    </div>
  ),
};

const PLUGINS = [remarkGfm, remarkBreaks];

export const Markdown = memo(function Markdown(props: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={PLUGINS} components={components}>
        {props.text}
      </ReactMarkdown>
    </div>
  );
});
