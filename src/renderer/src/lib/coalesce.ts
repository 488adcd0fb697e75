// Background re-reads (counts, notifications, tasks, rejections) asked for by bursts of events: one read at
// a time, and a call that arrives while one runs makes it read once more when it ends — so the last answer
// is always at least as new as the last call, and a burst costs two reads at most.

/**
 * Wraps `read` so that calls coalesce: while a run is in flight a call only asks for one more round, and
 * gets the promise of the run in flight, which settles after that round. `read` handles its own errors.
 */
export function coalesced(read: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let again = false;
  return () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        await read();
      } while (again);
      inFlight = null;
    })();
    return inFlight;
  };
}
