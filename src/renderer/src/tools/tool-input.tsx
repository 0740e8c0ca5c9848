// What a tool call asks to do, shown for a person to read: the Bash command, the edit as a diff,
// the path or pattern searched, the todo checklist, a plan as Markdown, or the raw input as JSON
// for other tools.
import { DiffView } from './diff-view';
import { recordList, stringField } from './input-fields';
import { TodoList } from './todo-list';
import { Markdown } from '../components/markdown';

export function ToolInput(props: { name: string; input: Record<string, unknown> }) {
  const { name, input } = props;
  const path = stringField(input, 'file_path') ?? stringField(input, 'notebook_path');
  switch (name) {
    case 'Bash': {
      const description = stringField(input, 'description');
      return (
        <div className="tool-input">
          {description && <p className="tool-description">{description}</p>}
          <pre className="command">
            <span className="prompt-mark" aria-hidden="true">
              ${' '}
            </span>
            {stringField(input, 'command') ?? ''}
          </pre>
        </div>
      );
    }
    case 'Edit':
      return (
        <DiffView
          path={path}
          before={stringField(input, 'old_string') ?? ''}
          after={stringField(input, 'new_string') ?? ''}
        />
      );
    case 'MultiEdit':
      return (
        <div className="tool-input">
          {recordList(input, 'edits').map((edit, index) => (
            <DiffView
              key={index}
              path={index === 0 ? path : undefined}
              before={stringField(edit, 'old_string') ?? ''}
              after={stringField(edit, 'new_string') ?? ''}
            />
          ))}
        </div>
      );
    case 'Write':
      return <DiffView path={path} before="" after={stringField(input, 'content') ?? ''} />;
    case 'Read':
    case 'Grep':
    case 'Glob':
      return <SearchInput input={input} />;
    case 'TodoWrite':
      return <TodoList input={input} />;
    case 'ExitPlanMode': {
      // The plan the agent proposed, as it reads: Markdown, not its JSON.
      const plan = stringField(input, 'plan');
      if (plan === undefined) break;
      return (
        <div className="plan-text">
          <Markdown text={plan} />
        </div>
      );
    }
  }
  return <pre className="json">{JSON.stringify(input, null, 2)}</pre>;
}

function SearchInput(props: { input: Record<string, unknown> }) {
  const rows = ['file_path', 'pattern', 'path', 'glob', 'type', 'offset', 'limit']
    .map((key) => [key, props.input[key]] as const)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number');
  return (
    <dl className="tool-fields">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{key.replace('_', ' ')}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
