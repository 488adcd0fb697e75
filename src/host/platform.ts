// The headless host's Platform: plain Node. Logs go to stderr as JSON lines (stdout carries only the
// "ready" line), notifications are forwarded to the browser, and nothing is ever opened on the server.
import { systemClock, type DesktopNotification, type Logger, type Platform } from '../core';

/** Host-only event: the browser shows it with the web Notification API. */
export const HOST_NOTIFY_EVENT = 'host.notify';

export const stderrLogger: Logger = {
  info: (msg, data) => process.stderr.write(JSON.stringify({ level: 'info', msg, ...data }) + '\n'),
  warn: (msg, data) => process.stderr.write(JSON.stringify({ level: 'warn', msg, ...data }) + '\n'),
  error: (msg, data) => process.stderr.write(JSON.stringify({ level: 'error', msg, ...data }) + '\n'),
};

export function createNodePlatform(opts: {
  dataDir: string;
  logger?: Logger;
  broadcast(event: string, payload: unknown): void;
}): Platform {
  return {
    dataDir: opts.dataDir,
    clock: systemClock,
    logger: opts.logger ?? stderrLogger,
    notifier: { notify: (n: DesktopNotification) => opts.broadcast(HOST_NOTIFY_EVENT, n) },
    // The host may run on another machine than the browser: opening things here would be wrong.
    openExternal: async () => false,
  };
}
