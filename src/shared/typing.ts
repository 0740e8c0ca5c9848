// Type helpers both sides use: a guard for plain objects read from outside, and an Omit that
// keeps the members of a union apart.

/** An object with string keys (not null, not an array): JSON objects, tool inputs, stored files. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Omit` applied to each member of a union, so that the result is still a tagged union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
