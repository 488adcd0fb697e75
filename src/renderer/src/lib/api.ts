// The one way components and stores call the core. Failures are never silent: `run` reports them as
// a translated toast and returns undefined so callers can simply bail out.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { getTransport } from '../transport';
import { useUiStore } from '../stores/uiStore';

export function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return getTransport().invoke(method, input);
}

export async function run<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M> | undefined> {
  try {
    return await call(method, input);
  } catch (err) {
    useUiStore.getState().pushError(err);
    return undefined;
  }
}
