import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../tests/bench/detect-throughput';
import { findPhoneNumbers, mayContainPhone } from './index';

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'AU', 'NL'] as const;
type Country = (typeof COUNTRIES)[number];

/** [default country, number as written, E.164]. Every number is valid in libphonenumber-js "max" metadata. */
const POSITIVES: readonly [Country, string, string][] = [
  // United States: national formats, trunk "1", international, and other countries via 011.
  ['US', '(415) 666-7777', '+14156667777'],
  ['US', '415-666-7777', '+14156667777'],
  ['US', '415.666.7777', '+14156667777'],
  ['US', '415 666 7777', '+14156667777'],
  ['US', '4156667777', '+14156667777'],
  ['US', '1-415-666-7777', '+14156667777'],
  ['US', '(212) 736-5000', '+12127365000'],
  ['US', '+1 415 666 7777', '+14156667777'],
  ['US', '+1-415-666-7777', '+14156667777'],
  ['US', '+1 (415) 666-7777', '+14156667777'],
  ['US', '+14156667777', '+14156667777'],
  ['US', '011 44 20 7946 0958', '+442079460958'],
  ['US', '+44 20 7946 0958', '+442079460958'],
  ['US', '+49 30 12345678', '+493012345678'],
  ['US', '+33 1 23 45 67 89', '+33123456789'],
  ['US', '+61 2 9876 5432', '+61298765432'],
  ['US', '+31 20 123 4567', '+31201234567'],
  // United Kingdom.
  ['GB', '020 7946 0958', '+442079460958'],
  ['GB', '07911 123456', '+447911123456'],
  ['GB', '0161 496 0000', '+441614960000'],
  ['GB', '0121 234 5678', '+441212345678'],
  ['GB', '+44 20 7946 0958', '+442079460958'],
  ['GB', '+44 (0)20 7946 0958', '+442079460958'],
  ['GB', '00 44 20 7946 0958', '+442079460958'],
  ['GB', '00 1 415 666 7777', '+14156667777'],
  // Germany.
  ['DE', '030 12345678', '+493012345678'],
  ['DE', '030/12345678', '+493012345678'],
  ['DE', '030 1234567', '+49301234567'],
  ['DE', '0151 23456789', '+4915123456789'],
  ['DE', '089 1234567', '+49891234567'],
  ['DE', '06221 123456', '+496221123456'],
  ['DE', '06221-1234', '+4962211234'],
  ['DE', '+49 30 12345678', '+493012345678'],
  ['DE', '+49 (0)30 12345678', '+493012345678'],
  ['DE', '00 44 20 7946 0958', '+442079460958'],
  // France.
  ['FR', '01 23 45 67 89', '+33123456789'],
  ['FR', '01.23.45.67.89', '+33123456789'],
  ['FR', '06 12 34 56 78', '+33612345678'],
  ['FR', '06-12-34-56-78', '+33612345678'],
  ['FR', '+33 1 23 45 67 89', '+33123456789'],
  ['FR', '+33 6 12 34 56 78', '+33612345678'],
  ['FR', '00 49 30 12345678', '+493012345678'],
  // Australia.
  ['AU', '(02) 9876 5432', '+61298765432'],
  ['AU', '02 9876 5432', '+61298765432'],
  ['AU', '0412 345 678', '+61412345678'],
  ['AU', '1300 123 456', '+611300123456'],
  ['AU', '+61 2 9876 5432', '+61298765432'],
  ['AU', '+61 412 345 678', '+61412345678'],
  ['AU', '0011 44 20 7946 0958', '+442079460958'],
  ['AU', '0011 1 415 666 7777', '+14156667777'],
  // Netherlands.
  ['NL', '020 123 4567', '+31201234567'],
  ['NL', '020-1234567', '+31201234567'],
  ['NL', '06 12345678', '+31612345678'],
  ['NL', '06-12345678', '+31612345678'],
  ['NL', '010-1234567', '+31101234567'],
  ['NL', '+31 20 123 4567', '+31201234567'],
  ['NL', '+31 6 12345678', '+31612345678'],
  ['NL', '00 44 20 7946 0958', '+442079460958'],
  // Full-width digits and punctuation (offsets stay 1:1, raw keeps the full-width text).
  ['US', '４１５-６６６-７７７７', '+14156667777'],
  ['US', '（４１５）６６６－７７７７', '+14156667777'],
  ['US', '＋１ ４１５ ６６６ ７７７７', '+14156667777'],
  ['GB', '０２０ ７９４６ ０９５８', '+442079460958'],
  ['DE', '０３０ １２３４５６７８', '+493012345678'],
  // Other separators libphonenumber allows: no-break spaces, non-breaking hyphens, en dashes.
  ['US', '+1\u00A0415\u00A0666\u00A07777', '+14156667777'],
  ['US', '415\u2011666\u20117777', '+14156667777'],
  ['FR', '01\u00A023\u00A045\u00A067\u00A089', '+33123456789'],
];

/** [default country, text, raw, E.164]: extensions are part of raw, never of the E.164. */
const EXTENSIONS: readonly [Country, string, string, string][] = [
  ['US', 'Call (415) 666-7777 ext. 123 today', '(415) 666-7777 ext. 123', '+14156667777'],
  ['US', 'Call 415-666-7777 x12.', '415-666-7777 x12', '+14156667777'],
  ['US', 'Call 415-666-7777 #123.', '415-666-7777 #123', '+14156667777'],
  ['US', '(415) 666-7777 x 204', '(415) 666-7777 x 204', '+14156667777'],
  ['US', '+1 415 666 7777 ext 9', '+1 415 666 7777 ext 9', '+14156667777'],
  ['US', '415-666-7777;ext=55', '415-666-7777;ext=55', '+14156667777'],
  ['GB', 'Switchboard 020 7946 0958 ext. 204, then press 1', '020 7946 0958 ext. 204', '+442079460958'],
  ['DE', 'Zentrale 030 12345678 ext. 12.', '030 12345678 ext. 12', '+493012345678'],
  ['AU', 'Reception (02) 9876 5432 x 31', '(02) 9876 5432 x 31', '+61298765432'],
];

/** tel:/sms: URIs: the number after the scheme is found. */
const URIS: readonly [Country, string, string, string][] = [
  ['US', 'tel:+14156667777', '+14156667777', '+14156667777'],
  ['US', 'tel:+1-415-666-7777', '+1-415-666-7777', '+14156667777'],
  ['US', 'tel:4156667777', '4156667777', '+14156667777'],
  ['GB', 'sms:+442079460958', '+442079460958', '+442079460958'],
  ['NL', 'tel:+31612345678', '+31612345678', '+31612345678'],
];

/** Sentences: numbers touching ordinary punctuation are still found. */
const IN_SENTENCES: readonly [Country, string, string, string][] = [
  ['US', 'Call me at 415-666-7777!', '415-666-7777', '+14156667777'],
  ['US', 'Is it 415-666-7777?', '415-666-7777', '+14156667777'],
  ['US', '“415-666-7777”', '415-666-7777', '+14156667777'],
  ['US', '<415-666-7777>', '415-666-7777', '+14156667777'],
  ['US', 'Phone:415-666-7777', '415-666-7777', '+14156667777'],
  ['US', 'Call 415-666-7777.Thanks', '415-666-7777', '+14156667777'],
  ['US', '📞415-666-7777', '415-666-7777', '+14156667777'],
  ['US', 'Tel.:+44 20 7946 0958', '+44 20 7946 0958', '+442079460958'],
  ['FR', 'Tél : 01 23 45 67 89.', '01 23 45 67 89', '+33123456789'],
  ['DE', 'Telefon: 030 12345678, Fax folgt.', '030 12345678', '+493012345678'],
  ['AU', 'Ring (02) 9876 5432.', '(02) 9876 5432', '+61298765432'],
  ['NL', 'Bel 020-1234567!', '020-1234567', '+31201234567'],
  // An opening bracket that the number never closes stays out of the span.
  ['GB', 'Mobile (07911 123456) after 5pm', '07911 123456', '+447911123456'],
  ['US', 'John (+44 20 7946 0958) called', '+44 20 7946 0958', '+442079460958'],
  ['US', 'Numbers: [415-666-7777]', '415-666-7777', '+14156667777'],
  ['US', '（ +1 415 666 7777 ）', '+1 415 666 7777', '+14156667777'],
  ['US', 'on 2024-01-15 call 415 666 7777', '415 666 7777', '+14156667777'],
  ['US', 'v1.2.3 build notes: 4156667777', '4156667777', '+14156667777'],
];

/**
 * Must not match, under every default country. Each row is one kind from the rules:
 * local numbers, dates, times, money, percentages, IPs, versions, ZIP+4, ISBNs, cards,
 * SSNs, UUIDs, id-like tokens and URL segments.
 */
const NEGATIVES: readonly [kind: string, text: string][] = [
  ['7-digit local', '666-7777'],
  ['7-digit local', 'call 946 0958 now'],
  ['7-digit Canadian UAN shape', '310-6874'],
  ['ISO date', '2024-01-15'],
  ['US date', '01/15/2024'],
  ['EU date', '15.01.2024'],
  ['EU date read as +1 310 UAN by the library', 'Lieferung am 13.10.2020'],
  ['EU slash date', '15/01/2024'],
  ['Y/M/D date', '2024/01/15'],
  ['year range', '2020-2024'],
  ['year range spaced', '2020 - 2024'],
  ['M/D range', '12/01 - 12/15'],
  ['ISO date range', '2024-01-15 - 2024-02-15'],
  ['D.M. range', '15.01.-20.01.2024'],
  ['time', '10:30'],
  ['time with seconds', '10:30:45'],
  ['timestamp', '2024-01-15 10:30'],
  ['timestamp fraction', '14:05:33.123456'],
  ['USD amount', '$1,234,567.89'],
  ['EUR amount', '€12 345'],
  ['EUR amount spaced', '€ 12 345 678'],
  ['EU amount', '1.234.567,89 €'],
  ['amount before currency', '12 345 678 €'],
  ['percentage', '45.5%'],
  ['big percentage', '1234567%'],
  ['spaced percentage', '12 345 678 %'],
  ['IPv4', '192.168.100.200'],
  ['IPv4 short', '10.20.30.40'],
  ['IPv4 public', 'server 60.124.98.172 is up'],
  ['version', '1.2.3.4567'],
  ['version 4 parts', '10.0.19041.1234'],
  ['version prefixed', 'v2.14.0.123456'],
  ['version read as +1 310 UAN by the library', 'version 3.1.0.6874'],
  ['ZIP+4', '94105-1234'],
  ['ZIP+4 in address', 'San Francisco, CA 94105-1234'],
  ['ISBN-13', '978-3-16-148410-0'],
  ['ISBN-10', 'ISBN 0-306-40615-2'],
  ['ISBN-10 X', 'ISBN 0-8044-2957-X'],
  ['ISBN-13 labelled', 'ISBN-13: 978-0-306-40615-7'],
  ['card', '4111 1111 1111 1111'],
  ['card dashed', '4111-1111-1111-1111'],
  ['card Amex', '3782 822463 10005'],
  ['SSN', '123-45-6789'],
  ['UUID', '550e8400-e29b-41d4-a716-446655440000'],
  ['UUID 2', '123e4567-e89b-12d3-a456-426614174000'],
  ['UUID digits', '12345678-1234-5678-1234-567812345678'],
  ['order id', 'order #A12345678901'],
  ['order number', 'order #4156667777'],
  ['letters before', 'abc4155550123'],
  ['letters after', '4155550123abc'],
  ['SKU', 'SKU-4156667777'],
  ['underscore id', 'id_4156667777'],
  ['invoice id', 'INV-2024-001234'],
  ['decimal', '3.4156667777'],
  ['URL status id', 'https://x.com/status/14155550123456'],
  ['URL path number', 'https://x.com/i/status/4156667777'],
  ['URL query', 'https://example.com/p/4156667777?x=1'],
  ['scheme-less URL', 'example.com/4156667777'],
  ['www URL', 'www.example.com/contact/4156667777'],
  ['query parameter', 'see /search?q=4156667777'],
  ['long digit run', '1790123456789012345'],
];

const describeMatch = (text: string, country: Country) =>
  findPhoneNumbers(text, { defaultCountry: country }).map(({ start, end, raw, e164 }) => {
    // The invariant every caller relies on.
    expect(raw).toBe(text.slice(start, end));
    return { raw, e164 };
  });

describe('findPhoneNumbers: positives', () => {
  it.each(POSITIVES)('%s: %s alone', (country, written, e164) => {
    expect(findPhoneNumbers(written, { defaultCountry: country })).toEqual([
      { start: 0, end: written.length, raw: written, e164 },
    ]);
  });

  it.each(POSITIVES)('%s: %s inside a sentence', (country, written, e164) => {
    const text = `Please call ${written} for details.`;
    expect(findPhoneNumbers(text, { defaultCountry: country })).toEqual([
      { start: 12, end: 12 + written.length, raw: written, e164 },
    ]);
  });

  it.each(POSITIVES)('%s: %s at the end of text', (country, written, e164) => {
    expect(describeMatch(`Number: ${written}`, country)).toEqual([{ raw: written, e164 }]);
  });

  it.each([...EXTENSIONS, ...URIS, ...IN_SENTENCES])('%s: %s', (country, text, raw, e164) => {
    expect(describeMatch(text, country)).toEqual([{ raw, e164 }]);
  });

  it('defaults to US', () => {
    expect(findPhoneNumbers('415-666-7777').map((m) => m.e164)).toEqual(['+14156667777']);
  });

  it('treats an unknown default country as "international numbers only"', () => {
    expect(findPhoneNumbers('415-666-7777 or +44 20 7946 0958', { defaultCountry: 'ZZ' }).map((m) => m.e164)).toEqual([
      '+442079460958',
    ]);
  });

  it('finds several numbers in one string, in text order', () => {
    const text = 'US +1 (415) 666-7777, UK +44 20 7946 0958; DE +49 30 12345678 and local (212) 736-5000.';
    const found = findPhoneNumbers(text);
    expect(found.map((m) => [m.raw, m.e164])).toEqual([
      ['+1 (415) 666-7777', '+14156667777'],
      ['+44 20 7946 0958', '+442079460958'],
      ['+49 30 12345678', '+493012345678'],
      ['(212) 736-5000', '+12127365000'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.raw);
  });

  it('splits numbers separated by a slash or written back to back', () => {
    expect(describeMatch('415-666-7777/212-736-5000', 'US')).toEqual([
      { raw: '415-666-7777', e164: '+14156667777' },
      { raw: '212-736-5000', e164: '+12127365000' },
    ]);
    expect(describeMatch('Tel: 020 7946 0958 / 07911 123456', 'GB')).toEqual([
      { raw: '020 7946 0958', e164: '+442079460958' },
      { raw: '07911 123456', e164: '+447911123456' },
    ]);
  });

  it('accepts the default country in any case, and treats "" as missing', () => {
    expect(findPhoneNumbers('020 7946 0958', { defaultCountry: 'gb' }).map((m) => m.e164)).toEqual(['+442079460958']);
    expect(findPhoneNumbers('415-666-7777', { defaultCountry: '' }).map((m) => m.e164)).toEqual(['+14156667777']);
  });

  it('never reuses a verdict across default countries', () => {
    // Valid in the Netherlands (Amsterdam), one digit short for London.
    const text = 'Office: 020 123 4567';
    for (let i = 0; i < 3; i++) {
      expect(findPhoneNumbers(text, { defaultCountry: 'NL' }).map((m) => m.e164)).toEqual(['+31201234567']);
      expect(findPhoneNumbers(text, { defaultCountry: 'GB' })).toEqual([]);
      expect(findPhoneNumbers(text, { defaultCountry: 'US' })).toEqual([]);
    }
  });

  it('reports every occurrence of a repeated number', () => {
    const text = '415-666-7777 … 415-666-7777 … 415-666-7777';
    expect(findPhoneNumbers(text).map((m) => m.start)).toEqual([0, 15, 30]);
  });

  it('keeps full-width offsets 1:1 with the original text', () => {
    const text = '電話：（４１５）６６６－７７７７まで';
    const [match] = findPhoneNumbers(text);
    expect(match).toEqual({ start: 3, end: 16, raw: '（４１５）６６６－７７７７', e164: '+14156667777' });
  });
});

describe('findPhoneNumbers: negatives', () => {
  const cases = COUNTRIES.flatMap((country) => NEGATIVES.map(([kind, text]) => [country, kind, text] as const));
  it.each(cases)('%s: %s (%s)', (country, _kind, text) => {
    expect(findPhoneNumbers(text, { defaultCountry: country })).toEqual([]);
  });

  it.each(COUNTRIES)('%s: a sentence full of non-phone numbers', (country) => {
    const text = NEGATIVES.map(([, t]) => `${t} and`).join(' ');
    expect(findPhoneNumbers(text, { defaultCountry: country })).toEqual([]);
  });

  it.each(['', 'no digits here', '12345', 'Room 12, floor 3'])('empty or short: %j', (text) => {
    expect(findPhoneNumbers(text)).toEqual([]);
  });
});

describe('mayContainPhone', () => {
  it.each([
    ['', false],
    ['hello world', false],
    ['call 555-12', false],
    ['12 34 56', false],
    ['1 2 3 4 5 6 7', true],
    ['415-666-7777', true],
    ['４１５６６６７', true],
    ['text with 2024-01-15', true],
  ])('%j → %s', (text, expected) => {
    expect(mayContainPhone(text)).toBe(expected);
  });

  it('is never false when findPhoneNumbers finds something', () => {
    for (const [country, written] of POSITIVES) {
      if (findPhoneNumbers(written, { defaultCountry: country }).length > 0)
        expect(mayContainPhone(written)).toBe(true);
    }
  });
});

describe('agreement with libphonenumber-js', () => {
  it('gives the same start/end/e164 as findPhoneNumbersInText on a 50 kB generated corpus', () => {
    const text = generateCorpus(50 * 1024, 42);
    const ours = findPhoneNumbers(text, { defaultCountry: 'US' }).map((m) => ({
      start: m.start,
      end: m.end,
      e164: m.e164,
    }));
    const theirs = findPhoneNumbersInText(text, { defaultCountry: 'US' }).map((m) => ({
      start: m.startsAt,
      end: m.endsAt,
      e164: m.number.number,
    }));
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(theirs);
  });

  it.each(COUNTRIES)('%s: never reports a number libphonenumber-js would not (subset on the corpus)', (country) => {
    const text = generateCorpus(20 * 1024, 7);
    const theirs = new Set(
      findPhoneNumbersInText(text, { defaultCountry: country }).map(
        (m) => `${m.startsAt}:${m.endsAt}:${m.number.number}`,
      ),
    );
    for (const m of findPhoneNumbers(text, { defaultCountry: country })) {
      expect(theirs.has(`${m.start}:${m.end}:${m.e164}`)).toBe(true);
    }
  });
});
