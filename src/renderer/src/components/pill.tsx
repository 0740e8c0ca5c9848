// A short word in a coloured pill. The tone picks one of the panel's colour pairs; the word
// carries the meaning (colour is never the only signal).
import type { HTMLAttributes } from 'react';

export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export function Pill({
  tone,
  className,
  ...rest
}: HTMLAttributes<HTMLSpanElement> & {
  tone: Tone;
  'data-testid'?: string;
  'data-status'?: string;
  'data-parked'?: boolean;
  'data-state'?: string;
}) {
  return <span className={`pill tone-${tone}${className ? ` ${className}` : ''}`} {...rest} />;
}
