// Sign-out (or signing in to another workspace) empties the replica: every synced row, the outbox, the
// undo log, refusals, drafts, notifications and the local audit log. Device preferences (language, theme, column widths)
// stay. The replica gets a new client id: its mutation count starts again from 1 on the server.
import { newId } from '../../shared';
import type { CoreContext } from '../context';
import { deleteMeta, setMeta } from '../db/meta';

/** Children before parents, so foreign keys hold at every step. */
const WIPE_ORDER = [
  'sync_undo',
  'sync_rejections',
  'outbox',
  'drafts',
  'notifications',
  'audit_log',
  'conversation_tickets',
  'tasks',
  'tickets',
  'conversation_tags',
  'conversation_cycles',
  'messages',
  'notes',
  'conversations',
  'contact_identities',
  'contacts',
  'companies',
  'tags',
  'dispositions',
  'channels',
  'tray_members',
  'categories',
  'trays',
  'agents',
  'workspaces',
  'count_buckets',
  'tag_buckets',
];

export function wipeReplica(ctx: CoreContext): void {
  ctx.sqlite
    .transaction(() => {
      for (const table of WIPE_ORDER) ctx.sqlite.exec(`DELETE FROM "${table}"`);
      for (const key of [
        'workspaceId',
        'meId',
        'mode',
        'role',
        'cursor',
        'snapshot',
        'lastRejectionId',
        'lastSyncAt',
        'lastMutationId',
        'demoSeed',
        'signedOutReason',
        'notifierCheckedAt',
      ] as const)
        deleteMeta(ctx.db, key);
      ctx.clientId = newId();
      setMeta(ctx.db, 'clientId', ctx.clientId);
    })
    .immediate();
  ctx.workspaceId = '';
  ctx.meId = '';
  ctx.replica.mode = 'none';
}
