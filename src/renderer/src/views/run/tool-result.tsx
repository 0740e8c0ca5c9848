// A tool's output inside its (expanded) card, with Copy; errors say so. Long output scrolls
// inside its box rather than stretching the transcript.
import { CopyButton } from '../../components/copy-button';
import type { ToolResultView } from './transcript-model';

export function ToolResult(props: { result: ToolResultView }) {
  const { result } = props;
  const empty = result.content.trim() === '';
  return (
    <div className={result.isError ? 'tool-result tool-result-error' : 'tool-result'}>
      <div className="tool-result-bar">
        <span className="tool-result-label">{result.isError ? 'Error' : 'Output'}</span>
        {!empty && (
          <CopyButton
            text={() => result.content}
            className="output-copy"
            title={result.isError ? 'Copy the error' : 'Copy the output'}
          />
        )}
      </div>
      <pre className="output">{empty ? '(no output)' : result.content}</pre>
    </div>
  );
}
