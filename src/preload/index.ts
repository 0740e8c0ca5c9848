// Preload: exposes the contract's client over IPC to the panel, and nothing else.
export {};
