import { onMessage } from '../protocol';
import { readApiKey } from './api-key';

export function setupAccount(): void {
  onMessage('getAccountStatus', async () => ({ hasKey: (await readApiKey()) !== null, user: null }));
}
