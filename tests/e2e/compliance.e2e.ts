// The compliance gate end to end, in real Chromium against the Close stand-in: quiet hours in the recipient's
// zone with the default 8:00–21:00 window, opt-outs and blocks on every path, the double-text notice, the
// first-text footer and the UCS-2 fix. Runs at any hour: the recipient's zone is chosen so it is night there.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, SMS_TO_ANA } from '../stand-in/server';
import { buildSms } from '../stand-in/sms-records';
import { askAsExtensionPage, readTrusted } from './support/messages';
import { PopupPage } from './support/pages';
import { type E2eSession, SHOTS, saveKeyThroughOptions, startSession } from './support/session';

const { ana, ben, raj } = SEED.contacts;

/** Cities on most of the world's offsets: at any instant, at least one is between 22:00 and 6:00. */
const CITIES = [
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Atlantic/Azores',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Athens',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Noumea',
  'Pacific/Auckland',
];

function nightZone(): string {
  const now = Temporal.Now.instant();
  // Not on the rep's own offset (the browser's zone is this machine's): there the composer says "(same as
  // yours)" instead of "their time" — London, from a UTC machine, between 22:00 and 23:00 in winter.
  const repOffset = now.toZonedDateTimeISO(Temporal.Now.timeZoneId()).offset;
  const zone = CITIES.find((z) => {
    const there = now.toZonedDateTimeISO(z);
    return (there.hour >= 22 || there.hour < 6) && there.offset !== repOffset;
  });
  if (!zone) throw new Error('no city is at night now?');
  return zone;
}

/** 08:00 (the window's start) in `zone`, after now, as a UTC instant in ms. */
function nextEightAm(zone: string): number {
  const local = Temporal.Now.zonedDateTimeISO(zone);
  let day = local.toPlainDate();
  if (local.hour >= 8) day = day.add({ days: 1 });
  return day.toZonedDateTime({ timeZone: zone, plainTime: '08:00' }).epochMilliseconds;
}

describe('compliance', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession({ sendDelayMs: 300, sendInUnitMs: 100 });
    const options = await saveKeyThroughOptions(s.ext);
    await options.getByText('Connected as').waitFor();
    await options.close();
    // Quiet hours stay as a new install has them: on, 8:00–21:00 in the recipient's time.
    const settings = await askAsExtensionPage(s.ext, 'getSettings');
    expect(settings.ok && settings.value.quietHours).toEqual({
      enabled: true,
      start: '08:00',
      end: '21:00',
      daysOff: [],
    });
  });
  afterAll(async () => {
    await s?.stop();
  });
  beforeEach(async () => {
    s.close.reset();
    // The background caches the blocked list for a few minutes; each test starts from what Close has now.
    await s.ext.worker.evaluate(() => chrome.storage.session.remove('cache.blockedNumbers'));
  });

  it('Send at night in the recipient’s zone sends nothing; "Schedule for 8:00 their time" schedules at exactly that instant', async () => {
    const zone = nightZone();
    const contact = s.close.state.contacts.get(ana.id);
    if (!contact) throw new Error('seed changed');
    contact.timezone = zone;
    const popup = await PopupPage.composeTo(s.ext, ana.phone);
    const city = zone.split('/').at(-1)?.replaceAll('_', ' ');
    await expect.poll(() => popup.page.getByTestId('local-time').textContent()).toContain(`for Ana Torres, in ${city}`);
    await popup.write('Hi Ana, a quick question about the quote.');
    await popup.send();
    await popup.page.getByRole('button', { name: 'Send anyway — they agreed to texts at this hour' }).waitFor();
    expect(s.close.state.smsByText('Hi Ana, a quick question about the quote.')).toHaveLength(0);
    await popup.page.screenshot({ path: `${SHOTS}/compliance-quiet-hours.png` });

    await popup.page
      .getByRole('button', { name: /^Schedule for .* their time/ })
      .first()
      .click();
    await popup.page
      .getByText(/Scheduled/)
      .first()
      .waitFor();
    const [sms] = s.close.state.smsByText('Hi Ana, a quick question about the quote.');
    expect(sms?.status).toBe('scheduled');
    expect(Date.parse(sms?.date_scheduled ?? '')).toBe(nextEightAm(zone));
    await popup.close();
  });

  it('sendText straight from an extension page is refused for an opted-out contact and for a blocked number', async () => {
    const request = (to: string, contactId: string, leadId: string) => ({
      mode: 'send' as const,
      to,
      from: SEED.phoneNumbers.us.number,
      leadId,
      contactId,
      text: 'Straight to the background',
      templateId: null,
      // Every acknowledgement there is: none of them lifts a block.
      acknowledged: [
        'quiet-hours',
        'zone-unknown',
        'opt-out-reply',
        'double-text',
        'blocked-list-unavailable',
      ] as never,
    });
    const optedOut = await askAsExtensionPage(s.ext, 'sendText', request(ben.phone, ben.id, SEED.leads.harbor.id));
    expect(optedOut).toMatchObject({
      ok: false,
      error: { kind: 'not-allowed', message: expect.stringMatching(/opted out/) },
    });

    s.close.state.blockPhone(ana.phone, 'Asked not to be contacted', new Date());
    const blocked = await askAsExtensionPage(s.ext, 'sendText', request(ana.phone, ana.id, SEED.leads.bayview.id));
    expect(blocked).toMatchObject({
      ok: false,
      error: {
        kind: 'not-allowed',
        message: expect.stringMatching(/blocked numbers in Close \(“Asked not to be contacted”\)/),
      },
    });
    expect(s.close.state.smsByText('Straight to the background')).toHaveLength(0);

    // And the composer is disabled with the reason.
    const popup = await PopupPage.composeTo(s.ext, ana.phone);
    await expect.poll(() => popup.alert().textContent()).toMatch(/blocked numbers in Close/);
    expect(await popup.sendButton.isDisabled()).toBe(true);
    await popup.close();
  });

  it('a 403 on the blocked list is said, and Send needs the rep to confirm they checked', async () => {
    s.close.faults.failNext({ method: 'GET', path: '/blocked_phone_number/', status: 403, count: 10 });
    anyHourFor(s, ana.id);
    const popup = await PopupPage.composeTo(s.ext, ana.phone);
    await popup.page
      .getByText(/Close’s blocked numbers could not be checked: .*HTTP 403/)
      .first()
      .waitFor();
    await popup.write('Hi Ana, checked by hand.');
    await popup.send();
    const confirm = popup.page.getByRole('button', { name: 'Send — I checked this number is not blocked' });
    await confirm.waitFor();
    expect(s.close.state.smsByText('Hi Ana, checked by hand.')).toHaveLength(0);
    await confirm.click();
    await popup.waitUntilSent();
    expect(s.close.state.smsByText('Hi Ana, checked by hand.')).toHaveLength(1);
    await popup.close();
  });

  it('another user texted this number 12 min ago: the composer says who and when, and Send asks once more', async () => {
    anyHourFor(s, ana.id);
    const at = new Date(Date.now() - 12 * 60_000);
    const record = buildSms(s.close.state, {
      id: s.close.state.ids.next('acti'),
      status: 'sent',
      direction: 'outbound',
      source: 'Close.io',
      text: 'Hi Ana, Dana here from Northwind.',
      templateId: null,
      localPhone: SMS_TO_ANA.local_phone,
      remotePhone: SMS_TO_ANA.remote_phone,
      leadId: SMS_TO_ANA.lead_id,
      contactId: SMS_TO_ANA.contact_id,
      created: at,
      dateScheduled: null,
    });
    record.user_id = 'user_dana0000000000000000000';
    record.user_name = 'Dana Reyes';
    record.date_sent = at.toISOString();
    s.close.state.sms.set(record.id, record);

    const popup = await PopupPage.composeTo(s.ext, ana.phone);
    await popup.page.getByText('Dana Reyes texted this number 12 min ago').first().waitFor();
    await popup.write('Hi Ana, following up.');
    await popup.send();
    await popup.page.getByRole('button', { name: 'Send anyway', exact: true }).click();
    await popup.waitUntilSent();
    expect(s.close.state.smsByText('Hi Ana, following up.')).toHaveLength(1);
    const log = (await readTrusted(s.ext.worker, 'item:complianceLog')) as { value: { acknowledged: string[] }[] };
    expect(log.value[0]?.acknowledged).toEqual(['double-text']);
    await popup.close();
  });

  it('the first-text footer and the UCS-2 fix change the counter as shown', async () => {
    anyHourFor(s, raj.id);
    const popup = await PopupPage.composeTo(s.ext, raj.phone);
    const counter = popup.page.locator('#counter');
    // 130 characters with a curly apostrophe and an em dash: UCS-2, 2 segments; plain, one GSM-7 segment.
    const text = `Hi Raj, it’s Maya — ${'x'.repeat(110)}`;
    await popup.write(text);
    await expect.poll(() => counter.textContent()).toContain('UCS-2 · 2 segments');
    await expect.poll(() => popup.page.getByTestId('cheaper-text').textContent()).toMatch(/2 segments → 1/);
    await popup.page.getByRole('button', { name: 'Use plain characters' }).click();
    await expect.poll(() => counter.textContent()).toContain('GSM-7 · 1 segment');

    // The footer tips it into a second segment, and says so before the rep ticks it.
    const footer = popup.page.getByLabel(
      /First text to this number: add “- Maya, Northwind Solar\. Reply STOP to opt out” \(1 segment → 2\)/,
    );
    await footer.check();
    const ticked = popup.page.getByLabel(/First text to this number: add/);
    await expect.poll(() => popup.message.inputValue()).toMatch(/\n- Maya, Northwind Solar\. Reply STOP to opt out$/);
    await expect.poll(() => counter.textContent()).toContain('GSM-7 · 2 segments');
    await popup.page.screenshot({ path: `${SHOTS}/compliance-footer.png` });
    await ticked.uncheck();
    await expect.poll(() => popup.message.inputValue()).not.toContain('Reply STOP');
    await popup.close();
  });
});

/** Puts the contact in a zone where it is now mid-afternoon, so quiet hours are not what a test is about. */
function anyHourFor(s: E2eSession, contactId: string): void {
  const now = Temporal.Now.instant();
  const zone = CITIES.find((z) => {
    const hour = now.toZonedDateTimeISO(z).hour;
    return hour >= 12 && hour < 17;
  });
  const contact = s.close.state.contacts.get(contactId);
  if (!zone || !contact) throw new Error('no afternoon city, or the seed changed');
  contact.timezone = zone;
}
