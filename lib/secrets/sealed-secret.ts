/**
 * The Close API key must not sit in storage.local in plain form: Chrome and Firefox let content scripts
 * read storage.local/sync. We keep an AES-GCM key that is *non-extractable* in the extension origin's
 * IndexedDB (which content scripts, running in the page's origin, cannot open) and store only the
 * ciphertext in extension storage. Only extension pages and the service worker can unseal it.
 */
export interface SealedSecret {
  iv: string;
  data: string;
}

export interface CryptoKeyStore {
  load(): Promise<CryptoKey | undefined>;
  save(key: CryptoKey): Promise<void>;
}

const ALGORITHM = { name: 'AES-GCM', length: 256 } as const;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function deviceKey(store: CryptoKeyStore): Promise<CryptoKey> {
  const existing = await store.load();
  if (existing) return existing;
  const key = await crypto.subtle.generateKey(ALGORITHM, false, ['encrypt', 'decrypt']);
  await store.save(key);
  return key;
}

export async function sealSecret(plain: string, store: CryptoKeyStore): Promise<SealedSecret> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await deviceKey(store),
    new TextEncoder().encode(plain),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Returns null when the secret cannot be opened (device key lost, data tampered): the rep must enter the key again. */
export async function unsealSecret(sealed: SealedSecret, store: CryptoKeyStore): Promise<string | null> {
  const key = await store.load();
  if (!key) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv) },
      key,
      fromBase64(sealed.data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

/** IndexedDB of the extension origin: reachable from the service worker and extension pages only. */
export function indexedDbKeyStore(dbName = 'close-sms-keyring'): CryptoKeyStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('keys');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const run = async <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const req = op(db.transaction('keys', mode).objectStore('keys'));
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  };
  return {
    load: () => run<CryptoKey | undefined>('readonly', (s) => s.get('api-key-wrap')),
    save: (key) => run<void>('readwrite', (s) => s.put(key, 'api-key-wrap')),
  };
}
