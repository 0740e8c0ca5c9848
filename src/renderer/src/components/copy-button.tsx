// A small Copy button: puts a text on the clipboard and says so for a moment.
import { useEffect, useState } from 'react';
import { copyText } from './clipboard';

export function CopyButton(props: {
  text: () => string;
  label?: string;
  className?: string;
  /** Says what is copied, for screen readers where the label alone is just "Copy". */
  title?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1_500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    void copyText(props.text()).then((ok) => setState(ok ? 'copied' : 'failed'));
  };
  const label = props.label ?? 'Copy';
  return (
    <button
      type="button"
      className={`button small copy-button ${props.className ?? ''}`}
      onClick={copy}
      title={props.title}
      aria-live="polite"
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
