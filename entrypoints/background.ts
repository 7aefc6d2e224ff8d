import { setupBackground } from '@/lib/background/setup-background';
import { createCloseClient } from '@/lib/close/client';

export default defineBackground(() => {
  setupBackground({ createClient: (getApiKey) => createCloseClient({ baseUrl: __CLOSE_API_URL__, getApiKey }) });
});
