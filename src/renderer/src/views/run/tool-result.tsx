// A tool's output: Bash output open, other tools' results folded, errors always open.
import type { ToolResultView } from './transcript-model';

const OPEN_TOOLS = new Set(['Bash']);

export function ToolResult(props: { name: string; result: ToolResultView }) {
  const { name, result } = props;
  const text = result.content.trim() === '' ? '(no output)' : result.content;
  if (result.isError || OPEN_TOOLS.has(name)) {
    return (
      <div className={result.isError ? 'tool-result tool-result-error' : 'tool-result'}>
        <div className="tool-result-label">{result.isError ? 'Error' : 'Output'}</div>
        <pre className="output">{text}</pre>
      </div>
    );
  }
  const lines = text.split('\n').length;
  return (
    <details className="tool-result">
      <summary>
        Result ({lines} {lines === 1 ? 'line' : 'lines'})
      </summary>
      <pre className="output">{text}</pre>
    </details>
  );
}
