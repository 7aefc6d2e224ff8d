import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { contentScriptMatches, siteToMatchPattern } from './site-patterns';

describe('siteToMatchPattern', () => {
  it.each([
    ['example.com', '*://example.com/*'],
    ['*.example.com', '*://*.example.com/*'],
    ['https://crm.example.com/leads?x=1', '*://crm.example.com/*'],
    ['Example.COM:8080', '*://example.com/*'],
    ['localhost', '*://localhost/*'],
    ['*', '<all_urls>'],
    ['', null],
    ['not a host!', null],
    ['ex*ample.com', null],
  ])('%s → %s', (site, pattern) => {
    expect(siteToMatchPattern(site)).toBe(pattern);
  });
});

describe('contentScriptMatches', () => {
  const granted = ['http://127.0.0.1/*'];
  it.each([
    ['off', { detectionMode: 'off' as const }, granted, null],
    ['click', { detectionMode: 'click' as const }, granted, null],
    ['all, nothing granted', { detectionMode: 'all' as const }, [], null],
    ['all, some origins granted', { detectionMode: 'all' as const }, granted, { matches: granted, excludeMatches: [] }],
    [
      'all, everything granted, with exclusions',
      { detectionMode: 'all' as const, excludedSites: ['*.bank.com', '??'] },
      ['<all_urls>', 'https://api.close.com/*'],
      { matches: ['<all_urls>'], excludeMatches: ['*://*.bank.com/*'] },
    ],
    [
      'listed sites',
      { detectionMode: 'sites' as const, sites: ['linkedin.com', 'bad host!'] },
      [],
      { matches: ['*://linkedin.com/*'], excludeMatches: [] },
    ],
  ])('%s', (_name, patch, origins, expected) => {
    expect(contentScriptMatches({ ...DEFAULT_SETTINGS, ...patch }, origins)).toEqual(expected);
  });
});
