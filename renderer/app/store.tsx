import { createContext, useContext, useEffect, useState } from 'react';
import type { Envelope, LiveMethod, Params, Result, Results, StoreApi } from '../../shared/api/contract';
import type { Person } from './session';

export const StoreContext = createContext<{ api: StoreApi; envelope: Envelope; person: Person } | null>(null);

export function useStore() {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreContext');
  return store;
}

/** A live result: the store host pushes a fresh one whenever the data changes. */
export function useLive<M extends LiveMethod>(method: M, params: Params<M>): Result<Results[M]> | null {
  const { api, envelope } = useStore();
  const [result, setResult] = useState<Result<Results[M]> | null>(null);
  const key = JSON.stringify([method, params, envelope]);
  // Re-subscribe only when what is asked changes (params arrive as fresh objects on every render).
  useEffect(() => api.subscribe(method, JSON.parse(key)[1] as Params<M>, envelope, setResult), [api, key]);
  return result;
}
