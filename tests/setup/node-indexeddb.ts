// Node has no IndexedDB: the store tests run here against fake-indexeddb and in Chromium for real.
import 'fake-indexeddb/auto';
