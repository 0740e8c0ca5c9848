// The run page's Export menu: this run or the whole conversation, as an HTML page that reads
// offline, Markdown or JSON. Arrow keys move, Escape closes and gives the focus back.
import { useEffect, useRef, useState } from 'react';
import type { Run } from '../../../../shared/domain';
import { useApi, useDesktop } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { EXPORT_CHOICES, exportRun, type ExportFormat, type ExportScope } from './run-export';

export function ExportMenu(props: { run: Run; turns: number }) {
  const api = useApi();
  const desktop = useDesktop();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const scopes: { scope: ExportScope; label: string }[] = [
    { scope: 'run', label: 'This run' },
    ...(props.turns > 1
      ? [{ scope: 'thread' as const, label: `Whole conversation (${props.turns} turns)` }]
      : []),
  ];

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = async (scope: ExportScope, format: ExportFormat) => {
    setOpen(false);
    setError(undefined);
    setSaved(null);
    try {
      const result = await exportRun({ api, desktop }, props.run, scope, format);
      if (result !== null && result !== 'download') setSaved(result.path);
    } catch (failure) {
      setError(failure);
    }
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((current) => !current)}
      >
        Export ▾
      </button>
      {open && (
        <div
          ref={menu}
          className="export-menu-list"
          role="menu"
          aria-label="Export"
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
          }}
        >
          {scopes.map(({ scope, label }) => (
            <div key={scope} role="group" aria-label={label} className="export-menu-group">
              <div className="export-menu-heading" aria-hidden="true">
                {label}
              </div>
              {EXPORT_CHOICES.map((choice) => (
                <button
                  key={choice.format}
                  type="button"
                  role="menuitem"
                  className="export-menu-item"
                  onClick={() => void choose(scope, choice.format)}
                >
                  {choice.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
      {saved && (
        <p className="export-saved" role="status">
          Saved to {saved}
        </p>
      )}
      <ErrorNote error={error} what="The export could not be written." />
    </div>
  );
}
