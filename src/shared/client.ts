// The client the renderer (and scripts) use: typed from the contract, transport handed in.
import type { MethodInput, MethodName, MethodResult, PushEvent } from './contract';
import { ApiError, type WireResult } from './errors';

/** What a transport provides: one call channel and one event stream. */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<WireResult<unknown>>;
  subscribe(listener: (event: PushEvent) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  subscribe(listener: (event: PushEvent) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      const result = await transport.call(method, input);
      if (!result.ok)
        throw new ApiError(result.error.code, result.error.message, result.error.field);
      // The transport carries the engine's handler result for exactly this method.
      return result.value as MethodResult<M>;
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
}
