/**
 * Does a reply read like an opt-out? Opt-outs must be honoured "by any reasonable means", not only the exact
 * keyword, so a single `=== 'STOP'` misses "please stop texting me". But a reply such as "don't stop" or "stop
 * by tomorrow?" is not one, and a false alarm trains reps to click through. Two small lists, each tested:
 *
 * - CTIA's opt-out keywords (STOP, UNSUBSCRIBE, CANCEL, END, QUIT, …) count only as the whole message, give or
 *   take punctuation, emoji and a "please": "Cancel my 3pm" is a calendar change, "CANCEL" is an opt-out.
 * - Phrases that ask for no more messages count anywhere in the message, unless negated ("don't stop texting").
 *
 * The answer only makes the composer ask the rep to confirm; it never blocks on its own.
 */

const POLITE = '(?:please|pls|plz|now|thanks|thank you|thx|asap)';
const KEYWORD = '(?:stop|stop all|stopall|unsubscribe|cancel|end|quit|opt ?out|opt-out|optout|revoke)';
/** The whole message is one keyword, maybe repeated ("stop stop"), maybe with a polite word before or after. */
const WHOLE_MESSAGE = new RegExp(`^(?:${POLITE} )?${KEYWORD}(?: ${KEYWORD})*(?: ${POLITE})*$`);

const ME = '(?:me|this number|my number)';
const PHRASES: readonly RegExp[] = [
  /\bunsubscribe\b/,
  new RegExp(String.raw`\bremove ${ME}\b`),
  new RegExp(String.raw`\btake ${ME} off\b`),
  /\bopt(?: |-)?(?:me )?out\b/,
  new RegExp(
    String.raw`\b(?:don't|dont|do not|never) (?:ever )?(?:text|txt|message|sms|contact|call or text|text or call) ${ME}\b`,
  ),
  /\bdo not (?:text|txt|message|contact)\b/,
  /\b(?:stop|quit|no more) (?:texting|txting|messaging|contacting|sending|spamming|texts|messages)\b/,
  /\bleave me alone\b/,
];
/** "don't stop texting", "never stop messaging": a phrase right after one of these is not an opt-out. */
const NEGATION_BEFORE = /\b(?:don't|dont|do not|never|can't|cant|cannot|won't|wont|didn't|didnt|not)\s*$/;

/** Lower case, one kind of apostrophe, single spaces: so "DON’T  text me" reads as "don't text me". */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words that read like an opt-out ("stop texting"), or null. Quoted by the UI when it asks the rep. */
export function optOutPhrase(text: string): string | null {
  const normal = normalize(text);
  // Keep letters, apostrophes and spaces at the edges only: "STOP." → "stop", "🛑 stop!!" → "stop".
  const bare = normal.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/[.,!?;:]+/g, '');
  if (WHOLE_MESSAGE.test(bare)) return bare;
  for (const phrase of PHRASES) {
    for (const match of normal.matchAll(new RegExp(phrase.source, 'g'))) {
      const before = normal.slice(0, match.index);
      // "do not text" is itself a negation; only the phrases that do not start with one can be negated.
      if (!/^(?:don't|dont|do not|never)\b/.test(match[0]) && NEGATION_BEFORE.test(before)) continue;
      return match[0];
    }
  }
  return null;
}

export function readsLikeOptOut(text: string): boolean {
  return optOutPhrase(text) !== null;
}
