/**
 * How many SMS segments a text costs. GSM 03.38 7-bit: 160 characters in one segment, 153 per part once
 * split; the extension table (^{}\[~]|€ and form feed) costs two septets. Any other character switches
 * the whole message to UCS-2: 70 code units in one segment, 67 per part.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** Close's SMS composer refuses more than this many characters. */
export const CLOSE_MAX_SMS_CHARS = 1000;

export interface SmsLength {
  /** Characters as a person counts them (code points). */
  characters: number;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Units left in the current segment before another one starts. */
  remainingInSegment: number;
  overLimit: boolean;
}

export function measureSms(text: string): SmsLength {
  const characters = [...text].length;
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const units = gsm ? septets : text.length; // UCS-2 counts UTF-16 code units: an emoji takes two.
  const single = gsm ? 160 : 70;
  const part = gsm ? 153 : 67;
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / part);
  const capacity = segments <= 1 ? single : segments * part;
  return {
    characters,
    encoding: gsm ? 'GSM-7' : 'UCS-2',
    segments,
    remainingInSegment: capacity - units,
    overLimit: characters > CLOSE_MAX_SMS_CHARS,
  };
}
