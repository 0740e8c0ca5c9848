// What Home and Tasks show before there is any task: a word on what a task is and the way into
// the task form.
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/empty-state';
import { Link } from '../../router/router';

export function NoTasksYet(props: { title: string; children: ReactNode }) {
  return (
    <EmptyState
      title={props.title}
      action={
        <Link to="/tasks/new" className="button primary">
          Create your first task
        </Link>
      }
    >
      {props.children}
    </EmptyState>
  );
}
