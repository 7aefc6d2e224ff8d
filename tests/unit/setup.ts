// The extension origin's IndexedDB (trusted storage) for unit tests: happy-dom has none.
import 'fake-indexeddb/auto';
