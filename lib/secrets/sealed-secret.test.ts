// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type CryptoKeyStore, sealSecret, unsealSecret } from './sealed-secret';

function memoryStore(): CryptoKeyStore & { key?: CryptoKey } {
  const store: CryptoKeyStore & { key?: CryptoKey } = {
    load: async () => store.key,
    save: async (k) => {
      store.key = k;
    },
  };
  return store;
}

describe('sealed secret', () => {
  it('round-trips and never stores the plain key', async () => {
    const store = memoryStore();
    const sealed = await sealSecret('api_1234.secret', store);
    expect(JSON.stringify(sealed)).not.toContain('api_1234');
    expect(await unsealSecret(sealed, store)).toBe('api_1234.secret');
  });

  it('keeps the device key non-extractable', async () => {
    const store = memoryStore();
    await sealSecret('x', store);
    expect(store.key?.extractable).toBe(false);
  });

  it('returns null when the device key is gone or the data was tampered with', async () => {
    const store = memoryStore();
    const sealed = await sealSecret('secret', store);
    expect(
      await unsealSecret({ ...sealed, data: sealed.data.replace(/^./, sealed.data[0] === 'A' ? 'B' : 'A') }, store),
    ).toBeNull();
    expect(await unsealSecret(sealed, memoryStore())).toBeNull();
  });
});
