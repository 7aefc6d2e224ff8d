import { describe, expect, it } from 'vitest';
import { complianceFacts } from '@/tests/unit/support/compliance';
import type { ComposeContext } from '../protocol';
import { composeReducer, composeView, INITIAL_COMPOSE } from './compose-state';

const CTX: ComposeContext = {
  user: { id: 'user_1', name: 'Maya Okafor', email: 'maya@example.com', organization: 'Northwind Solar' },
  to: '+16506660123',
  country: 'US',
  lead: { id: 'lead_1', name: 'Bayview Dental' },
  contacts: [{ id: 'cont_ana', leadId: 'lead_1', name: 'Ana Torres', phones: [] }],
  recipient: { contactId: 'cont_ana', phone: '+16506660123', blocked: false },
  senders: {
    senders: [{ number: '+14156660100', formatted: '+1 415-666-0100', label: 'Maya' }],
    problem: null,
    preferred: '+14156660100',
  },
  templates: [],
  defaultCountry: 'US',
  compliance: {
    facts: complianceFacts({ recipientName: 'Ana Torres' }),
    zones: {},
    footer: null,
  },
};
const NIGHT = Date.parse('2026-12-01T07:40:00Z'); // 23:40 in Los Angeles
const draft = { text: 'Hi Ana', templateId: null };

describe('the composer asks before a send the gate would refuse', () => {
  const loaded = composeReducer(INITIAL_COMPOSE, { type: 'loaded', ctx: CTX });

  it('outside quiet hours: no request, an error that offers the acknowledgement and 8:00 their time', () => {
    const r = composeView(loaded, draft, NIGHT, 'Europe/Berlin').request('send');
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'not-allowed', confirm: { ack: 'quiet-hours' }, nextAllowed: '2026-12-01T16:00:00Z' },
    });
  });

  it('acknowledged: the request carries it, for the background to check again and log', () => {
    const acked = composeReducer(loaded, { type: 'acknowledge', ack: 'quiet-hours' });
    const r = composeView(acked, draft, NIGHT, 'Europe/Berlin').request('send');
    expect(r).toMatchObject({ ok: true, request: { acknowledged: ['quiet-hours'], to: '+16506660123' } });
  });

  it('a schedule at 8:00 their time needs no acknowledgement', () => {
    const r = composeView(loaded, draft, NIGHT, 'Europe/Berlin').request('schedule', '2026-12-01T16:00:00Z');
    expect(r.ok).toBe(true);
  });

  it('an acknowledgement is for one text: the next one is asked about again', () => {
    const acked = composeReducer(loaded, { type: 'acknowledge', ack: 'quiet-hours' });
    const sent = composeReducer(acked, { type: 'submitted', sms: { id: 'acti_1' } as never, text: 'Hi Ana' });
    expect(sent.acknowledged).toEqual([]);
  });

  it('a block disables the composer with its reason', () => {
    const blocked = composeReducer(INITIAL_COMPOSE, {
      type: 'loaded',
      ctx: {
        ...CTX,
        compliance: CTX.compliance && { ...CTX.compliance, facts: { ...CTX.compliance.facts, optedOut: true } },
      },
    });
    const v = composeView(blocked, draft, NIGHT, 'Europe/Berlin');
    expect(v.canSubmit).toBe(false);
    expect(v.problem).toMatch(/opted out/);
  });
});
