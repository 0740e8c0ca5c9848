// TodoWrite's list as a checklist with its progress (done of total, the item in progress).
import { recordList, stringField } from './input-fields';

const MARKS: Record<string, string> = { completed: '☑', in_progress: '◐', pending: '☐' };

export function TodoList(props: { input: Record<string, unknown> }) {
  const todos = recordList(props.input, 'todos');
  const done = todos.filter((todo) => todo.status === 'completed').length;
  return (
    <div className="todo">
      <div className="todo-progress">
        {done} of {todos.length} done
        <progress value={done} max={Math.max(todos.length, 1)} aria-label="Progress" />
      </div>
      <ul className="todo-items">
        {todos.map((todo, index) => {
          const status = stringField(todo, 'status') ?? 'pending';
          const text =
            status === 'in_progress'
              ? (stringField(todo, 'activeForm') ?? stringField(todo, 'content'))
              : stringField(todo, 'content');
          return (
            <li key={index} className={`todo-item todo-${status}`}>
              <span className="todo-mark" aria-hidden="true">
                {MARKS[status] ?? '☐'}
              </span>
              <span>{text ?? ''}</span>
              <span className="visually-hidden"> ({status.replace('_', ' ')})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
