import { setupBackground } from '@/lib/background/setup-background';

export default defineBackground(() => {
  setupBackground();
});
