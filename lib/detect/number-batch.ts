/**
 * The shape of one "find the phone numbers in these texts" request, shared by the frame's detector
 * (lib/page-scan/page-detector.ts), which sends it, and the background (lib/background/number-reader.ts),
 * which answers it with libphonenumber-js. Nothing is imported here, so the detector's bundle stays free
 * of the phone metadata.
 */

/**
 * The numbers found in one request's texts, in text order and flat: number i is in text `spans[3i]`, from
 * `spans[3i + 1]` to `spans[3i + 2]` (UTF-16 offsets, extension included), and reads `e164[i]`. Flat
 * because the page parses it: an array per text and per number was 2.5 MB of the detector's allocations
 * on the 10,000-row table, where its garbage collection took as long as its script (README "Performance").
 */
export interface PhoneAnswer {
  spans: number[];
  e164: string[];
}

/** Most texts in one request. */
export const MAX_BATCH_TEXTS = 2048;
/** Most characters in one request, all texts together. */
export const MAX_BATCH_CHARS = 256 * 1024;
/**
 * Longest single text: the detector reads a longer text node in windows of at most this length (32,768
 * characters and 128 of overlap at each end; page-detector.ts textWindows).
 */
export const MAX_BATCH_TEXT_CHARS = 33_024;
