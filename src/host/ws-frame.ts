// One WebSocket request frame in, one response frame out, as a pure function so tests can fuzz it
// without sockets. It never throws: malformed input becomes an `invalid_input` response.
import { toErrorPayload, zodIssues, type ErrorPayload, type Result } from '../shared/errors';
import { WsRequest } from '../shared/wire';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export async function handleWsFrame(raw: string, dispatch: Dispatch): Promise<string> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return reply(0, { ok: false, error: { code: 'invalid_input', message: 'Frame is not valid JSON' } });
  }
  const parsed = WsRequest.safeParse(data);
  if (!parsed.success) {
    const error: ErrorPayload = {
      code: 'invalid_input',
      message: 'Frame does not match {id, method, input}',
      issues: zodIssues(parsed.error),
    };
    return reply(salvageId(data), { ok: false, error });
  }
  const { id, method, input } = parsed.data;
  let result: Result<unknown>;
  try {
    // dispatch checks the method name and validates `input` with the shared contract.
    result = await dispatch(method, input);
  } catch (err) {
    result = { ok: false, error: toErrorPayload(err) };
  }
  return reply(id, result);
}

/** The id of a rejected frame, when it has a usable one, so the client can fail the right call. */
function salvageId(data: unknown): number {
  if (typeof data !== 'object' || data === null || !('id' in data)) return 0;
  const id = (data as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

function reply(id: number, result: Result<unknown>): string {
  try {
    return JSON.stringify({ id, ...result });
  } catch {
    // A value that cannot be serialized (cycle, BigInt) is a core bug; the client still gets an answer.
    return JSON.stringify({ id, ok: false, error: { code: 'internal', message: 'Internal error' } });
  }
}
