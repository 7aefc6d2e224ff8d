import { startDetector } from '@/lib/page-scan/start-detector';
import { sendMessage } from '@/lib/protocol';

/**
 * The full detector (libphonenumber-js metadata, highlights, hover button). Never registered: the
 * background injects it with scripting.executeScript({ files }) into a frame whose always-on script
 * (entrypoints/prefilter.ts) saw a candidate, so pages without numbers never load or compile the metadata.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  async main(ctx) {
    const answer = await sendMessage('getDetectorConfig', undefined).catch(() => null);
    const config = answer?.ok ? answer.value : { defaultCountry: 'US' };
    if (ctx.isInvalid) return;
    startDetector({
      doc: document,
      ctx,
      defaultCountry: config.defaultCountry,
      report: (findings) => void sendMessage('reportFindings', findings).catch(() => {}),
      openCompose: (target) => void sendMessage('openCompose', target).catch(() => {}),
    });
  },
});
