// Frames of the WebSocket transport (host) and the shape the preload bridge exposes (Electron).
import { z } from "zod";
import type {
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from "./contract";
import { ErrorPayload } from "./errors";

export const IPC_INVOKE_CHANNEL = "bandeja:invoke";
export const IPC_EVENT_CHANNEL = "bandeja:event";

export const WsRequest = z.object({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  input: z.unknown(),
});
export type WsRequest = z.infer<typeof WsRequest>;

export const WsResponse = z.union([
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: ErrorPayload }),
]);
export const WsEvent = z.object({ event: z.string(), payload: z.unknown() });
export type WsServerFrame =
  z.infer<typeof WsResponse> | z.infer<typeof WsEvent>;

/** What the preload exposes as `window.bandeja` — nothing else. */
export interface BridgeApi {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** Typed client the renderer uses regardless of transport. */
export interface Transport {
  invoke<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<MethodOutput<M>>;
  subscribe<E extends EventName>(
    event: E,
    cb: (payload: EventPayload<E>) => void,
  ): () => void;
  readonly kind: "ipc" | "ws";
}
