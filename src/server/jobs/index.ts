// Background jobs of the server. Each runs in every instance and is safe to run in several at once: the
// database decides who does what (row locks, status transitions), never a leader or a job queue.
// buildServer starts them with `wake` (the CLI and the embedded server always pass it; tests opt in).
//
//   wake.ts   snoozes and follow-up reminders that come due → back to Abiertas, exactly once
export { DEFAULT_WAKE_OPTIONS, startWakeJob, wakeDue, type WakeJob, type WakeLogger, type WakeOptions } from './wake';
