// Device runtime entry for Node (host replay, tests, user tools). Each board bundle in
// src/boards/ re-exports the subset of this that the board uses.
export * from './core/types';
export * from './core/errors';
