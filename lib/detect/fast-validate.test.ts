import metadataJson from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../tests/bench/detect-throughput';
import { fastVerdict } from './fast-validate';
import { validateByLibrary } from './validate-phone';

const codes = Object.keys((metadataJson as { country_calling_codes: Record<string, string[]> }).country_calling_codes);
const SEPARATORS = [' ', '-', '.', '', '', ' '];

/** Digits grouped with random separators, sometimes an area code in brackets. */
function written(random: () => number, digits: string): string {
  let out = '';
  let i = 0;
  if (random() < 0.2 && digits.length > 4) {
    const n = 2 + Math.floor(random() * 3);
    out = `(${digits.slice(0, n)}) `;
    i = n;
  }
  while (i < digits.length) {
    const n = 1 + Math.floor(random() * 4);
    out += digits.slice(i, i + n);
    i += n;
    if (i < digits.length) out += SEPARATORS[Math.floor(random() * SEPARATORS.length)];
  }
  return out;
}

const randomDigits = (random: () => number, n: number) =>
  Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');

/** Real area codes and exchanges are mostly valid, so half of the NANPA numbers start like real ones. */
const NANPA_STARTS = ['415', '212', '604', '416', '268', '876', '787', '340', '800', '900', '555', '911', '200'];

describe('fast validation gives exactly the answers of libphonenumber-js (validateByLibrary)', () => {
  it.each([
    ['US', 1],
    ['CA', 2],
    ['GB', 3],
    ['DE', 4],
    [undefined, 5],
  ] as const)('on 20,000 generated candidates with default country %s', (country, seed) => {
    const random = createRandom(seed);
    let handled = 0;
    let valid = 0;
    const differences: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let candidate: string;
      const kind = random();
      if (kind < 0.4) {
        const code = codes[Math.floor(random() * codes.length)] as string;
        // Dialled with "+", or with the IDD prefix of the US/CA ("011") or of most of the world ("00");
        // sometimes with the trunk "0" kept after the code, as in "+44 (0)20 …".
        const lead = random() < 0.7 ? '+' : random() < 0.5 ? '011 ' : '00 ';
        const trunk = random() < 0.25 ? (random() < 0.5 ? '(0)' : '0') : '';
        candidate = `${lead}${code} ${trunk}${written(random, randomDigits(random, 4 + Math.floor(random() * 11)))}`;
      } else if (kind < 0.7) {
        const start = NANPA_STARTS[Math.floor(random() * NANPA_STARTS.length)] as string;
        const national = random() < 0.5 ? `${start}${randomDigits(random, 7)}` : randomDigits(random, 10);
        const prefix = random() < 0.2 ? '1' : random() < 0.2 ? '+1' : '';
        candidate = `${prefix}${prefix ? ' ' : ''}${written(random, national)}`;
      } else {
        candidate = written(random, randomDigits(random, 7 + Math.floor(random() * 6)));
      }
      if (random() < 0.15)
        candidate +=
          ['', ' ext. ', ' ext ', ' x', ' x ', ' X', ' ext.'][Math.floor(random() * 7)] +
          randomDigits(random, 1 + Math.floor(random() * 5));
      // Some in full-width forms, as Japanese pages write them.
      if (random() < 0.1)
        candidate = candidate.replace(/[0-9()-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      const fast = fastVerdict(candidate, country);
      if (fast === undefined) continue;
      handled++;
      if (fast !== null) valid++;
      const reference = validateByLibrary(candidate, country);
      if (fast !== reference) differences.push(`${candidate}: fast ${fast}, library ${reference}`);
    }
    expect(differences).toEqual([]);
    // The comparison means something only if the fast path took many candidates, valid and invalid.
    expect(handled).toBeGreaterThan(5000);
    expect(valid).toBeGreaterThan(500);
  });

  it.each([
    ['+44 20 7946 0958', 'GB', '+442079460958'],
    ['+1 (555) 123-4567', 'US', null],
    ['(604) 683-2222', 'US', '+16046832222'],
    ['1-268-464-1234', 'US', '+12684641234'],
    ['+49 30 123456', 'US', '+4930123456'],
    ['４１５－６６６－７７７７', 'US', '+14156667777'],
    ['666-7777', 'US', null],
    ['(415) 666-7781 ext. 204', 'US', '+14156667781'],
    ['+44 20 7946 0958 x12', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)161 827 7416', 'US', '+441618277416'],
    ['011 44 20 7946 0958', 'US', '+442079460958'],
    ['00 49 30 123456', 'DE', '+4930123456'],
    ['011 1 212 555 0123', 'US', '+12125550123'],
  ] as const)('%s (default %s) → %s, as libphonenumber-js says', (candidate, country, expected) => {
    expect(fastVerdict(candidate, country)).toBe(expected);
    expect(validateByLibrary(candidate, country)).toBe(expected);
  });

  it.each([
    ['(0)20 7946 0958', 'GB'],
    ['030 123456', 'DE'],
    ['011 044 20 7946 0958', 'US'],
    ['+800 1234 5678', 'US'],
    ['(415) 666-7777 ext 12 #', 'US'],
  ] as const)('leaves %s (default %s) to libphonenumber-js', (candidate, country) => {
    expect(fastVerdict(candidate, country)).toBeUndefined();
  });
});
