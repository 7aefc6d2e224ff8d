// Node 20 has no Temporal; the browsers we ship to do. Install the polyfill only where it is missing, so a Node
// with native Temporal tests the real thing. A vitest setup file, so every unit test (the background's send
// gate included) sees it.
import { Temporal as TemporalPolyfill } from 'temporal-polyfill';

const scope = globalThis as { Temporal?: unknown };
if (scope.Temporal === undefined) {
  Object.defineProperty(globalThis, 'Temporal', { value: TemporalPolyfill, configurable: true, writable: true });
}
