// The content scripts as built for the suite. The always-on one (prefilter.js) is small, and has no
// libphonenumber-js metadata, zod, Preact, the browser polyfill or the messaging library. The detector
// (content-scripts/detector.js, injected only into frames with candidates) has no metadata either: the
// background reads the numbers (lib/background/number-reader.ts), so no page loads or compiles it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const read = (file: string) => readFileSync(resolve(inject('extensionPath'), file), 'utf8');

/** Fragments every build of libphonenumber-js's metadata (min, max, mobile) contains, however minified. */
const METADATA_MARKERS = [/country_calling_codes/, /AC:\[`247`|"AC":\["247"|AC:\["247"|AC:\['247'/, /nonGeographic/];

describe('always-on content script bundle', () => {
  it('stays under 30 kB gzipped', () => {
    const gzipped = gzipSync(read('prefilter.js'), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(30 * 1024);
  });

  it('contains no libphonenumber-js metadata, zod, Preact, polyfill or messaging library', () => {
    const content = read('prefilter.js');
    expect(content).not.toMatch(/webextension-polyfill|\[messaging\]/);
    for (const marker of METADATA_MARKERS) expect(content).not.toMatch(marker);
    expect(content).not.toMatch(/ZodError|\$ZodType/);
    expect(content).not.toContain('dangerouslySetInnerHTML');
  });

  it('the on-demand detector has no metadata or zod either', () => {
    const detector = read('content-scripts/detector.js');
    for (const marker of METADATA_MARKERS) expect(detector).not.toMatch(marker);
    expect(detector).not.toMatch(/ZodError|\$ZodType/);
  });

  it('the markers do find the metadata where it belongs: the background', () => {
    const background = read('background.js');
    for (const marker of METADATA_MARKERS) expect(background).toMatch(marker);
  });

  it('the background reads the metadata with JSON.parse, not as code (wxt.config.ts)', () => {
    const bundle = read('background.js');
    expect(bundle).toMatch(/JSON\.parse\([`'"]\{\\?"version\\?":4,\\?"country_calling_codes/);
    // …and not also as the object literal the package ships.
    expect(bundle).not.toMatch(/\{version:4,country_calling_codes:/);
  });
});
