import './highlight.css';
import { startDetector } from '@/lib/page-scan/start-detector';
import { sendMessage } from '@/lib/protocol';

export default defineContentScript({
  // Registered at run time by the background, for the sites the rep allows (lib/background/content-script-registration.ts).
  registration: 'runtime',
  matches: [],
  async main(ctx) {
    const answer = await sendMessage('getDetectorConfig', undefined).catch(() => null);
    const config = answer?.ok ? answer.value : { defaultCountry: 'US' };
    startDetector({
      doc: document,
      ctx,
      defaultCountry: config.defaultCountry,
      report: (findings) => void sendMessage('reportFindings', findings).catch(() => {}),
      openCompose: (target) => void sendMessage('openCompose', target).catch(() => {}),
    });
  },
});
