// A table's header row: one column heading each, numeric ones aligned right.
export interface Column {
  label: string;
  numeric?: boolean;
  /** Extra class names for the heading (e.g. a narrower column). */
  className?: string;
}

export function TableHead(props: { columns: readonly (Column | false)[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((column) => {
          if (column === false) return null;
          const names = [column.numeric ? 'numeric' : '', column.className ?? ''].join(' ').trim();
          return (
            <th key={column.label} scope="col" className={names || undefined}>
              {column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
