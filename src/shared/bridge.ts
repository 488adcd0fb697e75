// The Electron bridge: IPC channel names and the shape the preload exposes. Deliberately free of zod
// and of any runtime import, so the sandboxed preload bundle stays a few hundred bytes.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract';
import type { Result } from './errors';

export const IPC_INVOKE_CHANNEL = 'bandeja:invoke';
export const IPC_EVENT_CHANNEL = 'bandeja:event';

/** What the preload exposes as `window.bandeja` — nothing else. */
export interface BridgeApi {
  /** Resolves with the core's Result envelope; never rejects for domain errors. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** Typed client the renderer uses regardless of transport. */
export interface Transport {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  readonly kind: 'ipc' | 'ws';
}
