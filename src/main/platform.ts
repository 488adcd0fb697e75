// The Electron implementation of the core's Platform: userData for files, the session token under
// safeStorage, native notifications (a click focuses the window and opens the conversation), the OS
// opener behind the allow-list, and a logger that writes JSON lines to userData/logs/main.log.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Notification, shell } from 'electron';
import { systemClock, type DesktopNotification, type Logger, type Platform } from '../core';
import { classifyExternal } from './external-policy';
import { safeStorageSecretStore } from './secret-store';

export interface ElectronPlatformOptions {
  dataDir: string;
  iconPath?: string;
  /** Brings the main window to the front (restoring it if minimized). */
  focusWindow(): void;
  /** Sends a shell event to the renderer(s). */
  broadcast(event: string, payload: unknown): void;
}

/** Shell event sent when a notification is clicked; the renderer opens that conversation. */
export const OPEN_CONVERSATION_EVENT = 'shell.openConversation';

export function createElectronPlatform(opts: ElectronPlatformOptions): Platform {
  const logger = createFileLogger(join(opts.dataDir, 'logs'));
  const attachmentsDir = join(opts.dataDir, 'attachments');
  // Electron drops click handlers of notifications that get garbage-collected: keep them until closed.
  const live = new Set<Notification>();

  return {
    dataDir: opts.dataDir,
    clock: systemClock,
    logger,
    secrets: safeStorageSecretStore(join(opts.dataDir, 'session.bin'), logger),
    notifier: {
      notify(n: DesktopNotification) {
        if (!Notification.isSupported()) return;
        const notification = new Notification({
          title: n.title,
          body: n.body,
          ...(opts.iconPath ? { icon: opts.iconPath } : {}),
        });
        live.add(notification);
        notification.on('close', () => live.delete(notification));
        notification.on('click', () => {
          live.delete(notification);
          opts.focusWindow();
          // The renderer listens for this contract event and opens the conversation.
          if (n.conversationId) opts.broadcast(OPEN_CONVERSATION_EVENT, { conversationId: n.conversationId });
        });
        notification.show();
      },
    },
    async openExternal(raw: string) {
      const target = classifyExternal(raw, attachmentsDir);
      if (!target) {
        logger.warn('openExternal refused', { scheme: raw.split(':', 1)[0]?.slice(0, 20) });
        return false;
      }
      try {
        if (target.kind === 'url') {
          await shell.openExternal(target.url);
          return true;
        }
        return (await shell.openPath(target.path)) === '';
      } catch (err) {
        logger.warn('openExternal failed', { error: String(err) });
        return false;
      }
    },
  };
}

function createFileLogger(dir: string): Logger {
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, 'main.log'), { flags: 'a' });
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data });
    out.write(line + '\n');
    if (level === 'info') console.log(line);
    else console.error(line);
  };
  return {
    info: (msg, data) => write('info', msg, data),
    warn: (msg, data) => write('warn', msg, data),
    error: (msg, data) => write('error', msg, data),
  };
}
