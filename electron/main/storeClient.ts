/**
 * Main's own connection to the store host: the port client of the screens (shared/api/portClient.ts)
 * over a MessagePortMain. The broker (ports.ts) hands it a fresh port whenever a store window is
 * made; while there is none (between a crash and the restart), calls answer an internal error at once.
 */
import type { MessagePortMain } from 'electron';
import type { Envelope, LiveMethod, Method, Params, Result, Results, StoreApi } from '../../shared/api/contract';
import { createPortClient, internalError, type PortClient, type PortLike } from '../../shared/api/portClient';
import type { MainConnection } from './ports';

/** The parts of a MessagePortMain the adapter uses. */
export type MainPort = Pick<MessagePortMain, 'postMessage' | 'on' | 'off' | 'start' | 'close'>;

/** A MessagePortMain as the PortLike the port client speaks: Node-style `on('message')` events carry `data` too. */
export function portOfMain(port: MainPort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    addEventListener: (_type, listener) => void port.on('message', listener),
    removeEventListener: (_type, listener) => void port.off('message', listener),
    start: () => port.start(),
  };
}

export interface MainStore extends StoreApi, MainConnection {
  connected(port: MainPort): void;
}

export function createMainStore(): MainStore {
  let current: { port: MainPort; client: PortClient } | null = null;
  let reason = 'store window not started';

  return {
    connected(port) {
      current?.client.hostDied('replaced by a new store window');
      current?.port.close();
      current = { port, client: createPortClient(portOfMain(port)) };
    },
    gone(why) {
      reason = why;
      current?.client.hostDied(why);
      current?.port.close();
      current = null;
    },
    call<M extends Method>(method: M, params: Params<M>, envelope: Envelope): Promise<Result<Results[M]>> {
      return current ? current.client.call(method, params, envelope) : Promise.resolve(internalError(envelope, reason));
    },
    subscribe<M extends LiveMethod>(
      method: M,
      params: Params<M>,
      envelope: Envelope,
      onResult: (result: Result<Results[M]>) => void,
    ): () => void {
      if (current) return current.client.subscribe(method, params, envelope, onResult);
      onResult(internalError(envelope, reason));
      return () => {};
    },
  };
}
