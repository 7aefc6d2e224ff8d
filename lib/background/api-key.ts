import { indexedDbKeyStore, sealSecret, unsealSecret } from '../secrets/sealed-secret';
import { sealedApiKeyItem } from '../storage';

const keyStore = indexedDbKeyStore();

/** The only reader of the API key. Called by the Close client in the background, nowhere else. */
export async function readApiKey(): Promise<string | null> {
  const sealed = await sealedApiKeyItem.getValue();
  return sealed ? unsealSecret(sealed, keyStore) : null;
}

export async function storeApiKey(key: string): Promise<void> {
  await sealedApiKeyItem.setValue(await sealSecret(key, keyStore));
}

export async function forgetApiKey(): Promise<void> {
  await sealedApiKeyItem.removeValue();
}
