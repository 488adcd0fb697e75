// src/shared — pure TypeScript used by every layer: domain vocabulary, zod schemas, the UI↔core
// contract, mutation envelopes, errors, the guide's default trays and the server's HTTP API (api.ts).
// No I/O, no node:, no DOM.
export * from './domain';
export * from './ids';
export * from './entities';
export * from './mutations';
export * from './errors';
export * from './contract';
export * from './wire';
export * from './trays';
export * from './list-match';
export * from './api';
export * from './sync';
export * from './rows';
export * from './auth';
export * from './rules/assignment';
export * from './rules/status-machine';
export * from './rules/closing-policy';
export * from './rules/descriptive-note';
export * from './rules/note-requirements';
export * from './rules/contact';
export * from './rules/snooze-presets';
export * from './settings';
export * from './notification-texts';
export * from './dispositions';
export * from './inbound';
export * from './realtime';
