// What an empty list says instead: what is missing and the first thing to do about it.
import type { ReactNode } from 'react';

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{props.title}</p>
      {props.children && <p className="empty-text">{props.children}</p>}
      {props.action && <div className="empty-action">{props.action}</div>}
    </div>
  );
}
