import type { Page, Worker } from 'playwright-core';
import type { ProtocolMap } from '../../../lib/protocol';
import type { LoadedExtension } from './extension';

const pages = new WeakMap<LoadedExtension, Page>();

/** One extension page per browser kept open for sending messages as the extension's own UI does. */
async function extensionPage(ext: LoadedExtension): Promise<Page> {
  const open = pages.get(ext);
  if (open && !open.isClosed()) return open;
  const page = await ext.openPage('options.html');
  pages.set(ext, page);
  return page;
}

/** The envelope @webext-core/messaging puts on the wire, sent from any context with `chrome.runtime`. */
export const ENVELOPE = (type: string, data: unknown) => ({ id: 1, type, data, timestamp: Date.now() });

/** Sends a protocol message from an extension page (the popup's or options page's rights) and returns the answer. */
export async function askAsExtensionPage<K extends keyof ProtocolMap>(
  ext: LoadedExtension,
  type: K,
  data?: Parameters<ProtocolMap[K]>[0],
): Promise<ReturnType<ProtocolMap[K]>> {
  const page = await extensionPage(ext);
  return page.evaluate(
    async (message) => {
      const answer = (await chrome.runtime.sendMessage(message)) as { res?: unknown; err?: unknown };
      return answer.res;
    },
    ENVELOPE(type, data),
  ) as Promise<ReturnType<ProtocolMap[K]>>;
}

/**
 * A value in the extension's trusted store (the extension origin's IndexedDB), read from the worker.
 * Never creates the database: idb-keyval must be the one to create it, with its object store.
 */
export async function readTrusted(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (k) => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'close-sms-trusted')) return null;
    return new Promise((resolve, reject) => {
      const req = indexedDB.open('close-sms-trusted');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const get = db.transaction('items', 'readonly').objectStore('items').get(k);
        get.onsuccess = () => {
          resolve(get.result ?? null);
          db.close();
        };
        get.onerror = () => reject(get.error);
      };
    });
  }, key);
}

/** Everything a content script could read: storage.local and storage.sync, as one string. */
export async function contentReadableStorage(worker: Worker): Promise<string> {
  return worker.evaluate(async () =>
    JSON.stringify({ local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null) }),
  );
}
