// A folder path input; in the desktop app it also offers the native folder picker.
import { useDesktop } from '../api/api-context';

export interface FolderInputProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  required?: boolean;
  placeholder?: string;
}

export function FolderInput(props: FolderInputProps) {
  const desktop = useDesktop();
  const browse = async () => {
    const picked = await desktop?.pickFolder();
    if (picked) props.onChange(picked);
  };
  return (
    <div className="folder-input">
      <input
        id={props.id}
        type="text"
        value={props.value}
        spellCheck={false}
        autoComplete="off"
        placeholder={props.placeholder ?? '/absolute/path/to/project'}
        required={props.required}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {desktop && (
        <button type="button" className="button" onClick={() => void browse()}>
          Browse…
        </button>
      )}
    </div>
  );
}
