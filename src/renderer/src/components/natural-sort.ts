// Natural order for names a person reads: "Task 2" before "Task 10", case and accents aside.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}
