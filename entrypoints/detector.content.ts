import { startDetector } from '@/lib/page-scan/start-detector';
import { sendMessage } from '@/lib/protocol';

/**
 * The full detector (walk, highlights, hover button). Never registered: the background injects it with
 * scripting.executeScript({ files }) into a frame whose always-on script (entrypoints/prefilter.ts) saw a
 * candidate. Which digits are phone numbers the background answers (findNumbers), so no page ever loads or
 * compiles libphonenumber's metadata.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    startDetector({
      doc: document,
      ctx,
      async findPhones(texts) {
        const answer = await sendMessage('findNumbers', texts);
        if (!answer.ok) throw new Error(answer.error.message);
        return answer.value;
      },
      report: (findings) => void sendMessage('reportFindings', findings).catch(() => {}),
      openCompose: (target) => void sendMessage('openCompose', target).catch(() => {}),
    });
  },
});
