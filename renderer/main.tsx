/**
 * The page's entry: it connects the store first, so that the store host (a Web Worker in the
 * browser edition) loads and opens its database while the screens' code is still being fetched
 * and parsed, then it loads the screens (boot.tsx).
 */
import { connectStore } from './bridge/transport';

const api = connectStore();
void import('./boot').then(({ boot }) => boot(api));
