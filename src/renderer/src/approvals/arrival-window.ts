// How long a newly shown request ignores decision keys (see arrival.ts). Alone in its module so
// browser tests can reason about the same number.
export const ARRIVAL_GUARD_MS = 1_000;
