/**
 * Reads phone numbers for the frames' detectors: a detector sends the texts it found digits in, and the
 * background answers with the numbers libphonenumber-js validates there. Pages never load or compile the
 * metadata (153 kB of patterns) and never run the validator: on the 10,000-row table that was about 40 % of
 * the detector's time on the page's main thread (tests/bench/, README "Performance").
 *
 * A request comes from a content script, so from a possible attacker. It is bounded (MAX_BATCH_* in
 * lib/detect/number-batch.ts, checked here whatever message-gate.ts let through), requests run one at a
 * time with a turn of the event loop between them, so a page flooding us delays other messages (a send,
 * the popup) by at most one batch, and each frame may have only MAX_WAITING requests queued. The answer is
 * only what the sender could compute itself from its own text: no CRM data, no settings but the default
 * country the numbers are read with.
 */
import { findPhoneNumbers } from '../detect/find-phone-numbers';
import { MAX_BATCH_CHARS, MAX_BATCH_TEXT_CHARS, MAX_BATCH_TEXTS, type PhoneAnswer } from '../detect/number-batch';

/** Requests a frame may have queued at once; its detector keeps two in flight. */
export const MAX_WAITING = 4;

export interface NumberReaderDeps {
  /** Lets other events run between two requests (setTimeout 0 in the worker). */
  yieldTurn(): Promise<void>;
}

export interface NumberReader {
  /** The numbers in these texts as one flat answer (PhoneAnswer); `frame` names the sending document for the per-frame limit. */
  read(texts: readonly string[], defaultCountry: string, frame: string): Promise<PhoneAnswer>;
}

/** Throws when a batch breaks the limits: an honest detector never sends one. */
export function checkBatch(texts: unknown): readonly string[] {
  if (!Array.isArray(texts) || texts.length > MAX_BATCH_TEXTS) throw new Error('Too many texts in one request.');
  let chars = 0;
  for (const t of texts) {
    if (typeof t !== 'string' || t.length > MAX_BATCH_TEXT_CHARS) throw new Error('A text in the request is too long.');
    chars += t.length;
  }
  if (chars > MAX_BATCH_CHARS) throw new Error('The request is too long.');
  return texts as readonly string[];
}

export function readTexts(texts: readonly string[], defaultCountry: string): PhoneAnswer {
  const answer: PhoneAnswer = { spans: [], e164: [] };
  texts.forEach((text, i) => {
    for (const m of findPhoneNumbers(text, { defaultCountry })) {
      answer.spans.push(i, m.start, m.end);
      answer.e164.push(m.e164);
    }
  });
  return answer;
}

export function createNumberReader(
  deps: NumberReaderDeps = { yieldTurn: () => new Promise((r) => setTimeout(r, 0)) },
): NumberReader {
  let tail: Promise<unknown> = Promise.resolve();
  const waiting = new Map<string, number>();
  return {
    async read(raw, defaultCountry, frame) {
      const texts = checkBatch(raw);
      const queued = waiting.get(frame) ?? 0;
      if (queued >= MAX_WAITING) throw new Error('This page asked for too much at once; try again shortly.');
      waiting.set(frame, queued + 1);
      const turn = tail.then(deps.yieldTurn).then(() => readTexts(texts, defaultCountry));
      tail = turn.catch(() => {});
      try {
        return await turn;
      } finally {
        const left = (waiting.get(frame) ?? 1) - 1;
        if (left > 0) waiting.set(frame, left);
        else waiting.delete(frame);
      }
    },
  };
}
