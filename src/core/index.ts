// src/core — the agent's local-first engine (plain Node, never imports electron): the SQLite replica,
// queries, local mutators with audit + outbox, the demo workspace, the sync client (sync/: undo log,
// push/pull rounds, session) and `dispatch`, which validates every contract call with the shared zod
// schemas. Shells (src/main, src/host) open it through `openReplica` with a Platform.
export type { Platform, Clock, Logger, Notifier, DesktopNotification, SecretStore, Timers } from './platform';
export { systemClock, consoleLogger, silentLogger, nullNotifier, realTimers } from './platform';
export { createCore } from './create-core';
export type { Core, CoreOptions } from './create-core';
export { openReplica } from './replica-source';
export type { ReplicaSource, OpenedReplica, EmbeddedServerHandle } from './replica-source';
