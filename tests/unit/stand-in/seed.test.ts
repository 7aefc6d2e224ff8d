// @vitest-environment node
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { closeId } from '../../stand-in/ids';
import { emptyState, SEED, seedState } from '../../stand-in/seed';

function collectIds(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z]+_[0-9A-Za-z]+$/.test(value) ? [value] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => (key === 'apiKey' ? [] : collectIds(item)));
}

describe('SEED', () => {
  const ids = collectIds(SEED);

  it('uses Close-shaped ids: a known prefix and 43 base62 characters', () => {
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id).toMatch(/^(user|orga|stat|phon|lead|cont|smstmpl|acti)_[0-9A-Za-z]{43}$/);
  });

  it('has unique ids that are stable across runs', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(SEED.leads.bayview.id).toBe(closeId('lead', 'bayview'));
  });

  it.each<[string, string | undefined]>([
    [SEED.phoneNumbers.us.number, 'US'],
    [SEED.phoneNumbers.gb.number, 'GB'],
    [SEED.phoneNumbers.voiceOnly.number, 'US'],
    ...Object.values(SEED.contacts).map((contact): [string, undefined] => [contact.phone, undefined]),
  ])('%s is a valid number (libphonenumber-js/max)', (number, country) => {
    const parsed = parsePhoneNumberFromString(number);
    expect(parsed?.isValid()).toBe(true);
    expect(parsed?.number).toBe(number);
    if (country) expect(parsed?.country).toBe(country);
  });

  it('seeds the special contacts as documented', () => {
    const state = emptyState(new Date());
    seedState(state, new Date());
    const phone = (id: string) => state.contacts.get(id)?.phones[0];
    expect(phone(SEED.contacts.ben.id)?.outbound_sms_blocked).toBe(true);
    expect(state.landlines.has(SEED.contacts.carla.phone)).toBe(true);
    expect(phone(SEED.contacts.oliver.id)?.country).toBe('GB');
    expect(phone(SEED.contacts.lena.id)?.country).toBe('DE');
    expect(phone(SEED.contacts.ana.id)?.outbound_sms_blocked).toBe(false);
    expect(state.leads.size).toBeGreaterThanOrEqual(4);
    expect([...state.templates.values()].map((t) => t.status)).toEqual(['active', 'active', 'archived']);
    expect(new Set(state.smsList().map((sms) => sms.status))).toEqual(
      new Set(['draft', 'scheduled', 'sent', 'inbox', 'error']),
    );
  });

  it('puts the scheduled SMS in the future', () => {
    const now = new Date();
    const state = emptyState(now);
    seedState(state, now);
    const scheduled = state.sms.get(SEED.sms.scheduled.id);
    expect(Date.parse(scheduled?.date_scheduled ?? '')).toBeGreaterThan(now.getTime());
  });
});
