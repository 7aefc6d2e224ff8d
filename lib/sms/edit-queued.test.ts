import { describe, expect, it } from 'vitest';
import { CloseApiError } from '../close/errors';
import type { SmsActivity, UpdateSmsBody } from '../close/schemas';
import { actionsFor, editQueued, type QueueApi, type SeenVersion } from './edit-queued';

const LATER = new Date(Date.now() + 86_400_000).toISOString();
const LATER2 = new Date(Date.now() + 2 * 86_400_000).toISOString();

/** A tiny in-memory Close with Close's rule (only drafts change) and a fault on the Nth update. */
function fakeClose(start: Partial<SmsActivity>, failOnUpdate: number | null = null) {
  let sms = {
    id: 'acti_1',
    status: 'scheduled',
    text: 'old text',
    date_scheduled: LATER,
    date_created: '2026-01-01T00:00:00+00:00',
    ...start,
  } as SmsActivity;
  let updates = 0;
  let deleted = false;
  const api: QueueApi = {
    async get() {
      if (deleted) throw new CloseApiError('not-found', 'gone', { status: 404 });
      return { ...sms };
    },
    async update(_id, patch: UpdateSmsBody) {
      updates++;
      if (updates === failOnUpdate) throw new CloseApiError('server', 'Close had a problem (HTTP 503).');
      const onlyStatusToDraft = Object.keys(patch).length === 1 && patch.status === 'draft';
      if (sms.status !== 'draft' && !onlyStatusToDraft)
        throw new CloseApiError('bad-request', 'Only drafts can be modified');
      sms = { ...sms, ...patch } as SmsActivity;
      if (patch.status === 'draft') sms = { ...sms, date_scheduled: null };
      return { ...sms };
    },
    async remove() {
      deleted = true;
    },
  };
  return { api, now: () => sms, updates: () => updates };
}

const seenOf = (s: Partial<SmsActivity>): SeenVersion => ({
  status: s.status ?? 'scheduled',
  text: s.text ?? 'old text',
  dateScheduled: s.date_scheduled === undefined ? LATER : (s.date_scheduled ?? null),
});

describe('editing a scheduled text', () => {
  it('changes the text and keeps it scheduled at the same time', async () => {
    const c = fakeClose({});
    const r = await editQueued(c.api, 'acti_1', seenOf({}), { kind: 'text', text: 'new text' });
    expect(r.ok).toBe(true);
    expect(c.now()).toMatchObject({ status: 'scheduled', text: 'new text', date_scheduled: LATER });
  });

  it.each([
    [1, 'Nothing was changed', { status: 'scheduled', text: 'old text', date_scheduled: LATER }],
    [2, 'still scheduled as before', { status: 'scheduled', text: 'old text', date_scheduled: LATER }],
    [3, 'It is a draft now — reschedule it', { status: 'draft', text: 'new text' }],
  ])('a fault at step %i ends in a known, reported state', async (step, message, state) => {
    const c = fakeClose({}, step);
    const r = await editQueued(c.api, 'acti_1', seenOf({}), { kind: 'text', text: 'new text' });
    expect(r.ok).toBe(false);
    expect(r.message).toContain(message);
    expect(c.now()).toMatchObject(state);
    expect(r.sms).toMatchObject(state);
  });

  it('reports a draft when both the change and the restore fail', async () => {
    const c = fakeClose({});
    let n = 0;
    const flaky: QueueApi = {
      ...c.api,
      update: (id, patch) =>
        ++n >= 2 ? Promise.reject(new CloseApiError('network', 'offline')) : c.api.update(id, patch),
    };
    const r = await editQueued(flaky, 'acti_1', seenOf({}), { kind: 'text', text: 'new text' });
    expect(r.message).toMatch(/could not be put back on its schedule either .*it is a draft now/);
    expect(r.sms?.status).toBe('draft');
  });

  it('reschedules, cancels and sends now', async () => {
    const a = fakeClose({});
    expect((await editQueued(a.api, 'acti_1', seenOf({}), { kind: 'reschedule', dateScheduled: LATER2 })).ok).toBe(
      true,
    );
    expect(a.now()).toMatchObject({ status: 'scheduled', date_scheduled: LATER2 });
    const b = fakeClose({});
    await editQueued(b.api, 'acti_1', seenOf({}), { kind: 'cancel' });
    expect(b.now().status).toBe('draft');
    const c = fakeClose({});
    await editQueued(c.api, 'acti_1', seenOf({}), { kind: 'send-now' });
    expect(c.now().status).toBe('outbox');
  });

  it('a failed reschedule puts it back at the original time', async () => {
    const c = fakeClose({}, 2);
    const r = await editQueued(c.api, 'acti_1', seenOf({}), { kind: 'reschedule', dateScheduled: LATER2 });
    expect(r.message).toContain('still scheduled as before');
    expect(c.now()).toMatchObject({ status: 'scheduled', date_scheduled: LATER });
  });
});

describe('editing a draft', () => {
  const draft = { status: 'draft', date_scheduled: null, text: 'draft text' };
  it.each([
    [
      { kind: 'text' as const, text: 'fixed typo' },
      { status: 'draft', text: 'fixed typo' },
    ],
    [
      { kind: 'reschedule' as const, dateScheduled: LATER2 },
      { status: 'scheduled', date_scheduled: LATER2 },
    ],
    [{ kind: 'send-now' as const }, { status: 'outbox' }],
  ])('%j', async (edit, state) => {
    const c = fakeClose(draft);
    expect((await editQueued(c.api, 'acti_1', seenOf(draft), edit)).ok).toBe(true);
    expect(c.now()).toMatchObject(state);
  });

  it('deletes', async () => {
    const c = fakeClose(draft);
    expect(await editQueued(c.api, 'acti_1', seenOf(draft), { kind: 'delete' })).toMatchObject({ ok: true, sms: null });
  });
});

describe('refusals leave the original intact', () => {
  it.each([
    ['empty text', { kind: 'text' as const, text: '   ' }, /cannot be empty/],
    ['over-limit text', { kind: 'text' as const, text: 'a'.repeat(1001) }, /1000-character limit/],
    ['a time in the past', { kind: 'reschedule' as const, dateScheduled: '2020-01-01T00:00:00+00:00' }, /in the past/],
  ])('%s', async (_name, edit, message) => {
    const c = fakeClose({});
    const r = await editQueued(c.api, 'acti_1', seenOf({}), edit);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(message);
    expect(c.updates()).toBe(0);
    expect(c.now()).toMatchObject({ status: 'scheduled', text: 'old text', date_scheduled: LATER });
  });

  it('refuses to overwrite a change made elsewhere', async () => {
    const c = fakeClose({ text: 'edited in Close' });
    const r = await editQueued(c.api, 'acti_1', seenOf({}), { kind: 'text', text: 'mine' });
    expect(r.message).toMatch(/changed in Close since the list was loaded/);
    expect(r.sms?.text).toBe('edited in Close');
    expect(c.updates()).toBe(0);
  });

  it('says so when the text was deleted elsewhere', async () => {
    const c = fakeClose({});
    await c.api.remove('acti_1');
    const r = await editQueued(c.api, 'acti_1', seenOf({}), { kind: 'text', text: 'x' });
    expect(r).toMatchObject({ ok: false, sms: null });
    expect(r.message).toMatch(/no longer exists in Close/);
  });

  it('deletes a failed text', async () => {
    const c = fakeClose({ status: 'error' });
    const r = await editQueued(c.api, 'acti_1', { ...seenOf({}), status: 'error' }, { kind: 'delete' });
    expect(r).toMatchObject({ ok: true, sms: null });
  });

  it('refuses a text that already went out', async () => {
    const c = fakeClose({ status: 'sent' });
    const r = await editQueued(c.api, 'acti_1', { ...seenOf({}), status: 'sent' }, { kind: 'text', text: 'x' });
    expect(r.message).toMatch(/is sent and can no longer be changed/);
  });
});

describe('the send gate on quick edits', () => {
  const optedOut = async () => ({ message: 'This contact has opted out of texts.' });
  it.each<[string, Partial<SmsActivity>, Parameters<typeof editQueued>[3]]>([
    ['send now of a draft', { status: 'draft', date_scheduled: null }, { kind: 'send-now' }],
    ['schedule a draft', { status: 'draft', date_scheduled: null }, { kind: 'reschedule', dateScheduled: LATER2 }],
    ['reschedule', {}, { kind: 'reschedule', dateScheduled: LATER2 }],
    ['send a scheduled text now', {}, { kind: 'send-now' }],
    ['change a scheduled text (schedules it again)', {}, { kind: 'text', text: 'new' }],
  ])('%s is refused for an opted-out recipient, with nothing changed', async (_, start, edit) => {
    const c = fakeClose(start);
    const before = c.now();
    const r = await editQueued({ ...c.api, mayTextTo: optedOut }, 'acti_1', seenOf(start), edit);
    expect(r).toMatchObject({ ok: false, message: 'This contact has opted out of texts.' });
    expect(c.updates()).toBe(0);
    expect(c.now()).toEqual(before);
  });

  it.each<[string, Partial<SmsActivity>, Parameters<typeof editQueued>[3]]>([
    ['edit a draft’s text', { status: 'draft', date_scheduled: null }, { kind: 'text', text: 'new' }],
    ['cancel', {}, { kind: 'cancel' }],
    ['delete', {}, { kind: 'delete' }],
  ])('%s texts nobody, so it is allowed', async (_, start, edit) => {
    const c = fakeClose(start);
    const r = await editQueued({ ...c.api, mayTextTo: optedOut }, 'acti_1', seenOf(start), edit);
    expect(r.ok).toBe(true);
  });

  it.each<[string, Partial<SmsActivity>, Parameters<typeof editQueued>[3], string | 'now']>([
    ['reschedule: at the new time', {}, { kind: 'reschedule', dateScheduled: LATER2 }, LATER2],
    ['text of a scheduled text: at the time it keeps', {}, { kind: 'text', text: 'new' }, 'scheduled'],
    ['send now: now', {}, { kind: 'send-now' }, 'now'],
  ])('the gate is asked about the instant the text would arrive — %s', async (_, start, edit, expected) => {
    const c = fakeClose(start);
    const seenAt: string[] = [];
    const gate = async (_sms: SmsActivity, at: string) => {
      seenAt.push(at);
      return { message: 'Outside quiet hours.', confirm: { ack: 'quiet-hours', label: 'Send anyway' } };
    };
    const r = await editQueued({ ...c.api, mayTextTo: gate }, 'acti_1', seenOf(start), edit);
    expect(r).toMatchObject({ ok: false, message: 'Outside quiet hours.', confirm: { ack: 'quiet-hours' } });
    const at = seenAt[0] ?? '';
    if (expected === 'now') expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(5_000);
    else if (expected === 'scheduled') expect(Date.parse(at)).toBe(Date.parse(c.now().date_scheduled ?? ''));
    else expect(Date.parse(at)).toBe(Date.parse(expected));
    expect(c.updates()).toBe(0);
  });

  it('a failing check changes nothing and says so', async () => {
    const c = fakeClose({});
    const failing = async () => {
      throw new CloseApiError('network', 'Close could not be reached.');
    };
    const r = await editQueued({ ...c.api, mayTextTo: failing }, 'acti_1', seenOf({}), { kind: 'send-now' });
    expect(r).toMatchObject({ ok: false, message: 'Nothing was changed: Close could not be reached.' });
    expect(c.updates()).toBe(0);
  });
});

describe('actionsFor', () => {
  it.each([
    ['draft', ['save-text', 'schedule', 'send-now', 'delete']],
    ['scheduled', ['save-text', 'schedule', 'send-now', 'cancel', 'delete']],
    ['error', ['mark-seen', 'delete']],
    ['outbox', []],
    ['sent', []],
    ['inbox', []],
    ['a status Close adds later', []],
  ])('%s offers %j', (status, actions) => {
    expect(actionsFor(status)).toEqual(actions);
  });

  it('offers nothing editQueued would refuse for the status', async () => {
    for (const status of ['outbox', 'sent']) {
      const c = fakeClose({ status });
      const r = await editQueued(c.api, 'acti_1', seenOf({ status }), { kind: 'send-now' });
      expect(r.ok).toBe(false);
      expect(actionsFor(status)).not.toContain('send-now');
    }
  });
});
