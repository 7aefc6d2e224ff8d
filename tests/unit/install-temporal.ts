// Node 20 has no Temporal; the browsers we ship to do. Install the polyfill only where it is missing, so a Node
// with native Temporal tests the real thing. Imported by the compliance tests (not in setupFiles, which the
// compliance branch does not touch).
import { Temporal as TemporalPolyfill } from 'temporal-polyfill';

const scope = globalThis as { Temporal?: unknown };
if (scope.Temporal === undefined) {
  Object.defineProperty(globalThis, 'Temporal', { value: TemporalPolyfill, configurable: true, writable: true });
}
