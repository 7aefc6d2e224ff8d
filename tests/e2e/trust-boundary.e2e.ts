// The trust boundary, attacked as a web page would: from our content script's isolated world (what a
// compromised renderer can do) and from the page's own scripts. Each attack is refused with no effect on
// the rep's account, next to a positive control proving the same action works from the extension's pages.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { setDetectionMode } from './support/detection';
import { askAsExtensionPage, contentReadableStorage, ENVELOPE } from './support/messages';
import { type E2eSession, startSignedInSession, tabIdOf } from './support/session';

let s: E2eSession;
/** Before/after of each attack, printed at the end (the closing note quotes it). */
const ledger: string[] = [];

beforeAll(async () => {
  s = await startSignedInSession();
  await setDetectionMode(s.ext, 'all');
});
// A failed test must not leave its page behind: tabIdOf() would find it for the next test's address.
afterEach(async () => {
  for (const page of s.ext.context.pages()) if (page.url().startsWith(s.fixtures.url)) await page.close();
});
afterAll(async () => {
  console.log(`\nTrust boundary — the rep's account before → after each attack:\n${ledger.join('\n')}\n`);
  await s?.stop();
});

/** A page with our detector in it, and a way to run code in the detector's isolated world. */
async function contentScriptWorld(path = '/prospect.html'): Promise<{ page: Page; run<T>(code: string): Promise<T> }> {
  const page = await s.ext.context.newPage();
  const cdp: CDPSession = await s.ext.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await page.goto(`${s.fixtures.url}${path}`);
  const ours = `chrome-extension://${s.ext.id}`;
  await expect
    .poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.origin === ours), { timeout: 15_000 })
    .toBe(true);
  return {
    page,
    async run<T>(code: string): Promise<T> {
      const world = contexts.filter((c) => c.auxData?.type === 'isolated' && c.origin === ours).at(-1);
      const r = await cdp.send('Runtime.evaluate', {
        expression: code,
        contextId: world?.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    },
  };
}

/** Sends a protocol message from the content script's world, as a compromised renderer could. */
const fromContentScript = (type: string, data: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify(ENVELOPE(type, data))}).then((a) => a?.res ?? a)`;

const smsCount = () => s.close.state.smsList().length;
const account = async () => {
  const status = await askAsExtensionPage(s.ext, 'getAccountStatus');
  const settings = await askAsExtensionPage(s.ext, 'getSettings');
  return {
    sms: smsCount(),
    key: status.ok && status.value.hasKey,
    mode: settings.ok ? settings.value.detectionMode : '?',
    neverRead: settings.ok ? settings.value.excludedSites.length : -1,
  };
};
const note = (attack: string, before: object, after: object) =>
  ledger.push(`- ${attack}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);

const SEND = {
  mode: 'send',
  to: SEED.contacts.ana.phone,
  from: SEED.phoneNumbers.us.number,
  leadId: SEED.leads.bayview.id,
  contactId: SEED.contacts.ana.id,
  text: 'Sent by a web page, not by the rep',
  templateId: null,
};

describe('from the content script’s isolated world', () => {
  it('sendText is refused and no SMS is created; from the popup it sends', async () => {
    const world = await contentScriptWorld();
    const before = await account();
    const answer = await world.run<{ ok: boolean; error?: { kind: string } }>(fromContentScript('sendText', SEND));
    expect(answer).toMatchObject({ ok: false, error: { kind: 'refused' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(s.close.state.smsByText(SEND.text)).toHaveLength(0);
    note('sendText from a content script', before, await account());
    // Positive control: the same request from an extension page.
    const control = await askAsExtensionPage(s.ext, 'sendText', { ...SEND, text: 'Sent by the rep' } as never);
    expect(control.ok).toBe(true);
    expect(s.close.state.smsByText('Sent by the rep')).toHaveLength(1);
    await world.page.close();
  });

  it.each([
    ['getConversation', SEED.leads.bayview.id],
    ['getComposeContext', { to: SEED.contacts.ana.phone }],
    ['refreshQueue', undefined],
    ['getQueue', undefined],
    ['getAccountStatus', undefined],
    ['getSms', SEED.sms.sent.id],
    ['lookupPageOwners', { numbers: [SEED.contacts.ana.phone], leadIds: [SEED.leads.bayview.id] }],
    ['markThreadRead', { lead: SEED.leads.bayview.id }],
    ['getComplianceLog', undefined],
  ])('%s is refused and leaks no CRM data; from an extension page it answers', async (type, data) => {
    const world = await contentScriptWorld();
    const answer = await world.run<unknown>(fromContentScript(type, data));
    expect(answer).toMatchObject({ ok: false, error: { kind: 'refused' } });
    const text = JSON.stringify(answer);
    for (const secret of [SEED.contacts.ana.name, SEED.leads.bayview.name, SEED.user.email, SEED.contacts.ana.phone]) {
      expect(text).not.toContain(secret);
    }
    const control = await askAsExtensionPage(s.ext, type as 'getConversation', data as never);
    expect(control.ok).toBe(true);
    ledger.push(
      `- ${type} from a content script: refused (${JSON.stringify(answer).length} bytes, no CRM data); from an extension page: ${JSON.stringify(control).length} bytes`,
    );
    await world.page.close();
  });

  it('blockNumber is refused: nothing is blocked in Close; from an extension page it blocks', async () => {
    const world = await contentScriptWorld();
    const request = { phone: SEED.contacts.chloe.phone, reason: 'A page asked' };
    expect(await world.run(fromContentScript('blockNumber', request))).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
    expect([...s.close.state.blockedNumbers.values()]).toEqual([]);
    const control = await askAsExtensionPage(s.ext, 'blockNumber', { ...request, reason: 'Replied STOP' });
    expect(control.ok).toBe(true);
    expect([...s.close.state.blockedNumbers.values()].map((b) => [b.phone, b.reason])).toEqual([
      [SEED.contacts.chloe.phone, 'Replied STOP'],
    ]);
    for (const b of [...s.close.state.blockedNumbers.keys()]) s.close.state.blockedNumbers.delete(b);
    await world.page.close();
  });

  it('signOut and updateSettings are refused: key and settings unchanged; the options page can change them', async () => {
    await askAsExtensionPage(s.ext, 'updateSettings', { excludedSites: ['bank.example'] });
    const world = await contentScriptWorld();
    const before = await account();
    expect(await world.run(fromContentScript('signOut', undefined))).toMatchObject({ ok: false });
    expect(
      await world.run(fromContentScript('updateSettings', { detectionMode: 'all', excludedSites: [], sites: ['*'] })),
    ).toMatchObject({ ok: false });
    // Writing storage directly changes nothing either: settings and the key are not in storage.local.
    await world.run(
      `chrome.storage.local.set({ settings: { detectionMode: 'off', excludedSites: [] }, apiKeySealed: null }).then(() => true)`,
    );
    const after = await account();
    expect(after).toEqual(before);
    note('signOut + updateSettings + storage.local writes from a content script', before, after);
    const control = await askAsExtensionPage(s.ext, 'updateSettings', { excludedSites: [] });
    expect(control.ok && control.value.excludedSites).toEqual([]);
    await world.page.close();
  });

  it('getTabFindings for another tab is refused; the popup can read it', async () => {
    const other = await s.ext.context.newPage();
    await other.goto(`${s.fixtures.url}/contact-page.html`);
    const otherTab = await tabIdOf(s.ext, `${s.fixtures.url}/contact-page.html`);
    const world = await contentScriptWorld();
    for (const tab of [otherTab - 1, otherTab, otherTab + 1]) {
      const answer = await world.run<unknown>(fromContentScript('getTabFindings', tab));
      expect(answer).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(JSON.stringify(answer)).not.toContain('contact-page');
    }
    await expect
      .poll(async () => {
        const r = await askAsExtensionPage(s.ext, 'getTabFindings', otherTab);
        return r.ok ? (r.value?.url ?? null) : null;
      })
      .toContain('contact-page');
    await other.close();
    await world.page.close();
  });

  it('storage a content script can read holds no CRM data, no unsent text and no key', async () => {
    // Leave everything the popup caches or keeps: a lookup, the queue, an unsent draft, a tracked send.
    const popup = await s.ext.openPage(`popup.html?to=${encodeURIComponent(SEED.contacts.ana.phone)}`);
    await popup.getByText(SEED.leads.bayview.name).first().waitFor();
    await popup.getByLabel('Message').fill('Unsent words about the Thursday quote');
    await askAsExtensionPage(s.ext, 'refreshQueue');
    const world = await contentScriptWorld();
    const readable = await world.run<string>(
      `Promise.all([chrome.storage.local.get(null), chrome.storage.sync.get(null)]).then((v) => JSON.stringify(v))`,
    );
    const session = await world.run<string>(
      `(async () => { try { return JSON.stringify(await chrome.storage.session.get(null)); } catch (e) { return 'denied: ' + e.message; } })()`,
    );
    for (const secret of [
      'Unsent words',
      SEED.contacts.ana.name,
      SEED.leads.bayview.name,
      SEED.user.email,
      SEED.organization.name,
      SEED.sms.draft.text,
      SEED.templates.intro.text,
      SEED.apiKey,
    ]) {
      expect(readable).not.toContain(secret);
      expect(session).not.toContain(secret);
      expect(await contentReadableStorage(s.ext.worker)).not.toContain(secret);
    }
    expect(session).toMatch(/^denied|^undefined$|^\{\}$/);
    ledger.push(`- what a content script reads from storage.local/sync: ${readable}; storage.session: ${session}`);
    await world.page.close();
    await popup.close();
  });

  it('1,000 malformed messages and a 5 MB report leave the worker answering the popup within a second', async () => {
    const world = await contentScriptWorld();
    const refused = await world.run<number>(`(async () => {
      const junk = ['', 42, 'x', [], { type: 'sendText' }, { type: 'nope', timestamp: 1 }, { type: 'sendText', timestamp: 1, data: { to: 1 } }, { type: '__proto__', timestamp: 1 }];
      let refused = 0;
      await Promise.all(Array.from({ length: 1000 }, async (_, i) => {
        const a = await chrome.runtime.sendMessage(junk[i % junk.length]).catch(() => null);
        if (a?.res?.ok === false) refused++;
      }));
      return refused;
    })()`);
    expect(refused).toBe(1000);
    const big = {
      url: `https://example.com/${'a'.repeat(1_000_000)}`,
      numbers: Array.from({ length: 40_000 }, (_, i) => ({
        e164: `+1415${String(i).padStart(7, '0')}`,
        raw: 'x'.repeat(64),
        count: 1,
      })),
      leadIds: [],
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(5_000_000);
    await world.run(`chrome.runtime.sendMessage(${JSON.stringify(ENVELOPE('reportFindings', big))}).then(() => true)`);
    const started = Date.now();
    const status = await askAsExtensionPage(s.ext, 'getAccountStatus');
    expect(status.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    const answeredMs = Date.now() - started;
    const stats = await askAsExtensionPage(s.ext, 'getGateStats');
    const counted = stats.ok ? Object.values(stats.value).reduce((a, b) => a + b, 0) : 0;
    expect(counted).toBeGreaterThanOrEqual(1000);
    ledger.push(
      `- 1,000 malformed messages + a ${(JSON.stringify(big).length / 1e6).toFixed(1)} MB report: popup answered in ${answeredMs} ms; refusals counted ${JSON.stringify(stats.ok ? stats.value : {})}`,
    );
    const stored = await s.ext.worker.evaluate(
      async () => JSON.stringify(await chrome.storage.session.get('tabFindings')).length,
    );
    expect(stored).toBeLessThan(200_000);
    await world.page.close();
  });
});

describe('the never-read list', () => {
  it('"On click" does not read or highlight a never-read site when the popup opens; another site it does', async () => {
    await setDetectionMode(s.ext, 'click', { excludedSites: ['127.0.0.1'] });
    const page = await s.ext.context.newPage();
    // An address of its own, so no earlier tab (read in "all sites" mode) is taken for this one.
    const url = `${s.fixtures.url}/prospect.html?never-read`;
    await page.goto(url);
    const tab = await tabIdOf(s.ext, url);
    const popup = await s.ext.openPage(`popup.html?tab=${tab}`);
    await popup.getByText(/Never read these sites/).waitFor();
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
    expect(await popup.getByRole('button', { name: /Text \+1650/ }).count()).toBe(0);
    await popup.close();
    // Positive control: off the list, the same page is read when the popup opens.
    await setDetectionMode(s.ext, 'click', { excludedSites: [] });
    const again = await s.ext.openPage(`popup.html?tab=${tab}`);
    await again.getByRole('button', { name: `Text ${SEED.contacts.ana.phone}` }).waitFor();
    await again.close();
    await page.close();
    await setDetectionMode(s.ext, 'all');
  });
});
