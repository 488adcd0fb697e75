// Frames of the WebSocket transport (host); the Electron bridge's names and types live in bridge.ts.
import { z } from 'zod';
import { ErrorPayload } from './errors';

export const WsRequest = z.object({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  /** Absent = no arguments (JSON drops `undefined`); `dispatch` validates it like any other input. */
  input: z.unknown().optional(),
});
export type WsRequest = z.infer<typeof WsRequest>;

export const WsResponse = z.union([
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: ErrorPayload }),
]);
export const WsEvent = z.object({ event: z.string(), payload: z.unknown() });
export type WsServerFrame = z.infer<typeof WsResponse> | z.infer<typeof WsEvent>;

export { IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL } from './bridge';
export type { BridgeApi, Transport } from './bridge';
