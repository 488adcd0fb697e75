// The desktop app's session with a server, as the UI sees it (contract methods auth.*). `local` is the
// server-less demo replica (tests, offline demos); `signedOut` shows the login screen; `signedIn` syncs.
import { z } from 'zod';
import { Email, WorkspaceSlug } from './api';
import { Role } from './domain';
import { Id } from './ids';

/** http(s) only: the core calls this origin with the agent's token. */
export const ServerUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/ }))
  .transform((u) => u.replace(/\/+$/, ''));

export const AuthStatus = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({
    mode: z.literal('signedOut'),
    /** What the login screen pre-fills from the last session. */
    serverUrl: z.string().nullable(),
    workspace: z.string().nullable(),
    email: z.string().nullable(),
    /** Why the session ended, when it was not the agent's choice (expired, revoked, disabled). */
    reason: z.enum(['expired']).nullable(),
    /** The quickstart's demo account (embedded server only), so signing out never locks anyone out. */
    demo: z.object({ workspace: z.string(), email: z.string(), password: z.string() }).nullable().optional(),
  }),
  z.object({
    mode: z.literal('signedIn'),
    serverUrl: z.string(),
    workspace: z.string().nullable(),
    email: z.string(),
    agentId: Id,
    workspaceId: Id,
    role: Role,
  }),
]);
export type AuthStatus = z.infer<typeof AuthStatus>;

export const SignInInput = z.object({
  serverUrl: ServerUrl,
  /** Workspace slug; needed only when the email exists in several workspaces. */
  workspace: WorkspaceSlug.optional(),
  email: Email,
  password: z.string().min(1).max(256),
});
export type SignInInput = z.infer<typeof SignInInput>;

/** A mutation the server refused, shown next to its conversation until dismissed. */
export const SyncRejectionItem = z.object({
  mutationId: z.number().int().positive(),
  name: z.string(),
  conversationId: Id.nullable(),
  code: z.string(),
  message: z.string(),
  messageKey: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  at: z.number().int().nonnegative(),
});
export type SyncRejectionItem = z.infer<typeof SyncRejectionItem>;
