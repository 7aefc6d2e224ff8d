import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser, SENDERS } from '@/tests/unit/support/background';
import { tabFindingsItem, updateSettings } from '../storage';
import { LIMITS } from './findings-bounds';
import { findingsHandlers, type ScanDeps } from './findings-store';

const content = (tabId: number, frameId = 0) => ({
  ...SENDERS.contentScript,
  tab: { id: tabId },
  frameId,
  class: 'content-script' as const,
});
/** Browser effects as fakes; each test sets the ones it looks at. */
const deps = (overrides: Partial<ScanDeps> = {}): ScanDeps => ({
  inject: vi.fn(async () => {}),
  probeFrames: vi.fn(async () => []),
  injectPrefilter: vi.fn(async () => {}),
  ...overrides,
});
const popup = { ...SENDERS.popup, class: 'extension-page' as const };
const report = (n: number, url = 'https://example.com/') => ({
  url,
  numbers: Array.from({ length: n }, (_, i) => ({
    e164: `+1415555${String(i).padStart(4, '0')}`,
    raw: `${i}`,
    count: 1,
  })),
  leadIds: [],
});

beforeEach(freshBrowser);

describe('reportFindings', () => {
  it('stores a frame’s report for its tab', async () => {
    const h = findingsHandlers(deps({ inject: vi.fn() }));
    await h.reportFindings(report(2), content(3));
    const found = await h.getTabFindings(3, popup);
    expect(found?.numbers.map((n) => n.e164)).toEqual(['+14155550000', '+14155550001']);
  });

  it('bounds a huge report: numbers, string sizes and the URL', async () => {
    const h = findingsHandlers(deps({ inject: vi.fn() }));
    const huge = report(100_000, `https://example.com/${'a'.repeat(5_000_000)}`);
    huge.numbers[0] = { e164: '+14155550000', raw: 'r'.repeat(1_000_000), count: 1 };
    await h.reportFindings(huge, content(3));
    const stored = (await tabFindingsItem.getValue())['3:0'];
    expect(stored?.numbers).toHaveLength(LIMITS.numbersPerFrame);
    expect(stored?.url.length).toBe(LIMITS.urlLength);
    expect(stored?.numbers[0]?.raw.length).toBe(LIMITS.rawLength);
    expect(JSON.stringify(await tabFindingsItem.getValue()).length).toBeLessThan(100_000);
  });

  it.each([null, 'text', 42, { url: 1 }, { url: 'x', numbers: 'no', leadIds: [] }])(
    'ignores a non-report %j',
    async (raw) => {
      const h = findingsHandlers(deps({ inject: vi.fn() }));
      await h.reportFindings(raw as never, content(3));
      expect(await tabFindingsItem.getValue()).toEqual({});
    },
  );

  it('drops entries that are not numbers or lead ids', async () => {
    const h = findingsHandlers(deps({ inject: vi.fn() }));
    await h.reportFindings(
      {
        url: 'https://x/',
        numbers: [
          { e164: '<img src=x>', raw: 'x', count: 1 },
          { e164: '+14155550100', raw: 'ok', count: 2 },
        ],
        leadIds: ['lead_<b>', 'lead_aaaaaaaaaaaaaaaaaaaaaaaa'],
      },
      content(3),
    );
    const found = await h.getTabFindings(3, popup);
    expect(found?.numbers.map((n) => n.e164)).toEqual(['+14155550100']);
    expect(found?.leadIds).toEqual(['lead_aaaaaaaaaaaaaaaaaaaaaaaa']);
  });

  it('keeps a page that churns iframes to a bounded number of frames', async () => {
    const h = findingsHandlers(deps({ inject: vi.fn() }));
    for (let frame = 0; frame < 200; frame++) await h.reportFindings(report(10), content(3, frame));
    const keys = Object.keys(await tabFindingsItem.getValue());
    expect(keys.length).toBeLessThanOrEqual(LIMITS.framesPerTab);
    expect(keys).toContain('3:199');
  });

  it('an empty report from a subframe forgets it (the frame went away)', async () => {
    const h = findingsHandlers(deps({ inject: vi.fn() }));
    await h.reportFindings(report(1), content(3, 5));
    await h.reportFindings({ url: 'https://example.com/', numbers: [], leadIds: [] }, content(3, 5));
    expect(await tabFindingsItem.getValue()).toEqual({});
  });

  it('keeps at most a bounded number of tabs, dropping the least recent', async () => {
    const h = findingsHandlers(deps({ inject: vi.fn() }));
    for (let tab = 1; tab <= LIMITS.tabs + 5; tab++) await h.reportFindings(report(1), content(tab));
    const tabs = new Set(Object.keys(await tabFindingsItem.getValue()).map((k) => k.split(':')[0]));
    expect(tabs.size).toBe(LIMITS.tabs);
    expect(tabs.has(String(LIMITS.tabs + 5))).toBe(true);
  });
});

describe('scanTab (the "on click" mode)', () => {
  async function tabAt(url: string) {
    const tab = await fakeBrowser.tabs.create({ url });
    return tab.id as number;
  }

  it('does not read a site on the never-read list', async () => {
    const inject = vi.fn();
    const h = findingsHandlers(deps({ inject }));
    await updateSettings({ detectionMode: 'click', excludedSites: ['*.bank.example'] });
    const r = await h.scanTab(await tabAt('https://www.bank.example/account'), popup);
    expect(r).toEqual({ read: false, reason: expect.stringMatching(/Never read/) });
    expect(inject).not.toHaveBeenCalled();
  });

  it('does not read anything when reading is off', async () => {
    const inject = vi.fn();
    await updateSettings({ detectionMode: 'off' });
    const r = await findingsHandlers(deps({ inject })).scanTab(await tabAt('https://example.com/'), popup);
    expect(r.read).toBe(false);
    expect(inject).not.toHaveBeenCalled();
  });

  it('reads another site, and returns what its detector reported', async () => {
    const h = findingsHandlers(
      deps({
        inject: vi.fn(async ({ tabId }: { tabId: number }) => {
          await h.reportFindings(report(1), content(tabId));
        }),
      }),
    );
    await updateSettings({ detectionMode: 'click', excludedSites: ['bank.example'] });
    const r = await h.scanTab(await tabAt('https://example.com/'), popup);
    expect(r).toMatchObject({ read: true, findings: { numbers: [{ e164: '+14155550000' }] } });
  });
});

describe('loadDetector (the always-on prefilter found a candidate)', () => {
  const frame = (url: string, documentId = 'doc-1') => ({ ...content(3, 2), url, documentId });

  it('injects the full detector into the sender’s own frame, once per document', async () => {
    const inject = vi.fn(async () => {});
    const h = findingsHandlers(deps({ inject }));
    await updateSettings({ detectionMode: 'all' });
    for (let i = 0; i < 5; i++) await h.loadDetector(undefined, frame('https://example.com/'));
    await h.loadDetector(undefined, frame('https://example.com/next', 'doc-2'));
    expect(inject.mock.calls).toEqual([
      [{ tabId: 3, frameId: 2 }, false],
      [{ tabId: 3, frameId: 2 }, false],
    ]);
  });

  it('never on a never-read site, nor when reading is off', async () => {
    const inject = vi.fn(async () => {});
    const h = findingsHandlers(deps({ inject }));
    await updateSettings({ detectionMode: 'all', excludedSites: ['bank.example'] });
    await h.loadDetector(undefined, frame('https://bank.example/login'));
    await updateSettings({ detectionMode: 'off', excludedSites: [] });
    await h.loadDetector(undefined, frame('https://example.com/', 'doc-9'));
    expect(inject).not.toHaveBeenCalled();
  });
});

describe('loadDetector on listed sites', () => {
  it('reads a frame only when its own address is listed', async () => {
    const inject = vi.fn(async () => {});
    const h = findingsHandlers(deps({ inject }));
    await updateSettings({ detectionMode: 'sites', sites: ['crm.example'] });
    await h.loadDetector(undefined, { ...content(3, 4), url: 'https://ads.example/frame', documentId: 'a' });
    await h.loadDetector(undefined, { ...content(3, 5), url: 'https://crm.example/lead', documentId: 'b' });
    expect(inject.mock.calls).toEqual([[{ tabId: 3, frameId: 5 }, false]]);
  });
});

describe('checkFrames (the top frame has frames)', () => {
  const top = (url = 'https://example.com/') => ({ ...content(3, 0), url });

  it('gives the prefilter to the frames whose probe says "look", and to no other', async () => {
    const probeFrames = vi.fn(async (_tab: number, scope: 'tree' | 'self') =>
      scope === 'tree' ? [{ frameId: 0, verdict: 'unreadable' }] : selfVerdicts,
    );
    const selfVerdicts = [
      { frameId: 0, verdict: 'top' },
      { frameId: 4, verdict: 'clear' },
      { frameId: 5, verdict: 'look' },
      { frameId: 6, verdict: { forged: true } },
      { frameId: 7, verdict: 'look' },
    ];
    const injectPrefilter = vi.fn(async () => {});
    await updateSettings({ detectionMode: 'all' });
    await findingsHandlers(deps({ probeFrames, injectPrefilter })).checkFrames(undefined, top());
    expect(probeFrames.mock.calls).toEqual([
      [3, 'tree'],
      [3, 'self'],
    ]);
    expect(injectPrefilter.mock.calls).toEqual([[3, [5, 7]]]);
  });

  it.each(['clear', 'top', { forged: true }])(
    'asks no frame for its own answer when the top frame’s says %j',
    async (verdict) => {
      const probeFrames = vi.fn(async () => [{ frameId: 0, verdict }]);
      const injectPrefilter = vi.fn(async () => {});
      await updateSettings({ detectionMode: 'all' });
      await findingsHandlers(deps({ probeFrames, injectPrefilter })).checkFrames(undefined, top());
      expect(probeFrames.mock.calls).toEqual([[3, 'tree']]);
      expect(injectPrefilter).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['a frame asks (only the top frame looks after frames)', { ...content(3, 2), url: 'https://example.com/' }, 'all'],
    ['reading is off', top(), 'off'],
    ['the mode is "on click" (its scan reads the top frame once)', top(), 'click'],
    ['the page is on the never-read list', top('https://bank.example/'), 'all'],
  ] as const)('probes nothing when %s', async (_name, sender, mode) => {
    const probeFrames = vi.fn(async () => [{ frameId: 5, verdict: 'look' }]);
    const injectPrefilter = vi.fn(async () => {});
    await updateSettings({ detectionMode: mode, excludedSites: ['bank.example'] });
    await findingsHandlers(deps({ probeFrames, injectPrefilter })).checkFrames(undefined, sender);
    expect(probeFrames).not.toHaveBeenCalled();
    expect(injectPrefilter).not.toHaveBeenCalled();
  });

  it('a probe that fails (the tab closed) is not an error', async () => {
    const injectPrefilter = vi.fn(async () => {});
    await updateSettings({ detectionMode: 'all' });
    const h = findingsHandlers(
      deps({ probeFrames: vi.fn(async () => Promise.reject(new Error('No tab'))), injectPrefilter }),
    );
    await expect(h.checkFrames(undefined, top())).resolves.toBeNull();
    expect(injectPrefilter).not.toHaveBeenCalled();
  });
});

describe('findNumbers (the frame’s detector asks which digits are numbers)', () => {
  const frame = (url: string) => ({ ...content(3, 2), url, documentId: 'doc-1' });

  it('reads the texts with the rep’s default country', async () => {
    const h = findingsHandlers(deps());
    await updateSettings({ detectionMode: 'all', defaultCountry: 'GB' });
    const answer = await h.findNumbers(['Call 020 7946 0958 now', 'Order 12345', ''], frame('https://example.com/'));
    expect(answer).toEqual({ spans: [0, 5, 18], e164: ['+442079460958'] });
  });

  it.each([
    ['reading is off', { detectionMode: 'off' as const }],
    ['a never-read site', { detectionMode: 'all' as const, excludedSites: ['bank.example'] }],
    ['a site off the list', { detectionMode: 'sites' as const, sites: ['crm.example'] }],
  ])('is refused on %s', async (_, settings) => {
    const h = findingsHandlers(deps());
    await updateSettings(settings);
    await expect(h.findNumbers(['(415) 666-7777'], frame('https://bank.example/'))).rejects.toThrow(/not read/);
  });

  it('is refused for a sender without a tab', async () => {
    const h = findingsHandlers(deps());
    await updateSettings({ detectionMode: 'all' });
    await expect(
      h.findNumbers(['(415) 666-7777'], { ...frame('https://example.com/'), tab: undefined }),
    ).rejects.toThrow();
  });
});
