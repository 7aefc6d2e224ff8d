/**
 * The shape of one "find the phone numbers in these texts" request, shared by the frame's detector
 * (lib/page-scan/page-detector.ts), which sends it, and the background (lib/background/number-reader.ts),
 * which answers it with libphonenumber-js. Nothing is imported here, so the detector's bundle stays free
 * of the phone metadata.
 */

/** One number found in a text: its span (UTF-16 offsets, extension included) and its E.164 form. */
export type PhoneHit = [start: number, end: number, e164: string];

/** Most texts in one request. */
export const MAX_BATCH_TEXTS = 2048;
/** Most characters in one request, all texts together. */
export const MAX_BATCH_CHARS = 256 * 1024;
/**
 * Longest single text: the detector reads a longer text node in windows of at most this length (32,768
 * characters and 128 of overlap at each end; page-detector.ts textWindows).
 */
export const MAX_BATCH_TEXT_CHARS = 33_024;
