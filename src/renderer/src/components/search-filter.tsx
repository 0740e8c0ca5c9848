// A labelled search box in a list's filter bar (Runs, Tasks); it hands back each keystroke.
export function SearchFilter(props: {
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <label className={props.className ? `filter ${props.className}` : 'filter'}>
      <span>{props.label}</span>
      <input
        type="search"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
