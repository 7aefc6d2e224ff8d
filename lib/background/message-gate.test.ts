import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENV, freshBrowser, SENDERS } from '@/tests/unit/support/background';
import type { Handlers } from './message-gate';
import { classifySender, gateStats, handleMessage, MESSAGE_RULES, type MessageType } from './message-gate';

/** A handler per type that records the call and answers "handled". */
function recordingHandlers() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(MESSAGE_RULES).map((type) => [
      type,
      vi.fn(async () => {
        calls.push(type);
        return 'handled';
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

/** A payload each type accepts, so the sender check is what is tested. */
const VALID: Record<MessageType, unknown> = {
  findNumbers: ['Call (415) 666-7777'],
  reportFindings: { url: 'https://example.com', numbers: [], leadIds: [] },
  openCompose: { to: '+14155550100' },
  loadDetector: undefined,
  checkFrames: undefined,
  getAccountStatus: undefined,
  saveApiKey: 'api_x',
  signOut: undefined,
  getSettings: undefined,
  updateSettings: { detectionMode: 'all' },
  getTabFindings: 3,
  scanTab: 3,
  getComposeContext: { to: '+14155550100' },
  getConversation: 'lead_aaaaaaaaaaaaaaaaaaaaaaaa',
  blockNumber: { phone: '+14155550100', reason: 'Replied STOP' },
  getComplianceLog: undefined,
  createLead: { phone: '+14155550100' },
  sendText: {
    mode: 'send',
    to: '+14155550100',
    from: '+14155550199',
    leadId: null,
    contactId: null,
    text: 'hi',
    templateId: null,
  },
  cancelSend: 'acti_1',
  getSms: 'acti_1',
  getQueue: undefined,
  refreshQueue: undefined,
  editQueued: { id: 'acti_1', seen: { status: 'draft', text: 'x', dateScheduled: null }, edit: { kind: 'send-now' } },
  markThreadRead: { lead: 'lead_aaaaaaaaaaaaaaaaaaaaaaaa' },
  lookupPageOwners: { numbers: ['+14155550100'], leadIds: [] },
  dismissFailure: 'acti_1',
  getGateStats: undefined,
  saveComposeDraft: { key: 'to:+14155550100', text: 'Hi', templateId: null },
};

const TYPES = Object.keys(MESSAGE_RULES) as MessageType[];
const CONTENT_TYPES = TYPES.filter((t) => MESSAGE_RULES[t].from === 'content-script');
const PAGE_TYPES = TYPES.filter((t) => MESSAGE_RULES[t].from === 'extension-page');

beforeEach(freshBrowser);

describe('classifySender', () => {
  it.each([
    ['the popup', SENDERS.popup, 'extension-page'],
    ['the compose window (an extension page with a tab)', SENDERS.composeWindow, 'extension-page'],
    ['the options page', SENDERS.options, 'extension-page'],
    ['a content script', SENDERS.contentScript, 'content-script'],
    ['a page whose URL contains our origin', SENDERS.lookalike, 'content-script'],
    ['another extension', SENDERS.otherExtension, null],
    ['no sender at all', SENDERS.noOne, null],
    ['our URL with a foreign origin', { ...SENDERS.popup, origin: 'https://evil.example' }, null],
    ['our URL with our origin', { ...SENDERS.popup, origin: ENV.ownOrigin.slice(0, -1) }, 'extension-page'],
  ])('%s → %s', (_, sender, expected) => {
    expect(classifySender(sender, ENV.ownId, ENV.ownOrigin)).toBe(expected);
  });
});

describe('handleMessage', () => {
  it('only the content-script messages are open to content scripts', () => {
    expect(CONTENT_TYPES.sort()).toEqual([
      'checkFrames',
      'findNumbers',
      'loadDetector',
      'openCompose',
      'reportFindings',
    ]);
  });

  it.each(PAGE_TYPES)('%s from a content script is refused, and the handler never runs', async (type) => {
    const { handlers, calls } = recordingHandlers();
    const r = await handleMessage(handlers, ENV, type, VALID[type], SENDERS.contentScript);
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(calls).toEqual([]);
    expect(gateStats()[`forbidden:${type}`]).toBeGreaterThan(0);
  });

  it.each(PAGE_TYPES)('%s from the popup is handled', async (type) => {
    const { handlers, calls } = recordingHandlers();
    const r = await handleMessage(handlers, ENV, type, VALID[type], SENDERS.popup);
    expect(r).toEqual({ ok: true, value: 'handled' });
    expect(calls).toEqual([type]);
  });

  it.each(CONTENT_TYPES)('%s from a content script is handled', async (type) => {
    const { handlers, calls } = recordingHandlers();
    expect(await handleMessage(handlers, ENV, type, VALID[type], SENDERS.contentScript)).toMatchObject({ ok: true });
    expect(calls).toEqual([type]);
  });

  it.each(TYPES)('%s from another extension is refused', async (type) => {
    const { handlers, calls } = recordingHandlers();
    const r = await handleMessage(handlers, ENV, type, VALID[type], SENDERS.otherExtension);
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['openCompose', { to: 'javascript:alert(1)' }],
    ['openCompose', { lead: 'lead_<img>' }],
    ['openCompose', 'not an object'],
    ['sendText', { ...(VALID.sendText as object), to: '555' }],
    ['sendText', { ...(VALID.sendText as object), mode: 'blast' }],
    ['sendText', { ...(VALID.sendText as object), text: 'x'.repeat(5001) }],
    ['getTabFindings', -1],
    ['getTabFindings', '3'],
    ['editQueued', { id: 'acti_1', seen: {}, edit: { kind: 'rm -rf' } }],
    ['saveApiKey', { key: 'x' }],
    ['sendText', { ...(VALID.sendText as object), templateId: 'not an id' }],
  ] as const)('%s with a malformed payload %j is refused', async (type, data) => {
    const { handlers, calls } = recordingHandlers();
    const r = await handleMessage(handlers, ENV, type, data, SENDERS.popup);
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringMatching(/malformed/) } });
    expect(calls).toEqual([]);
  });

  it('accepts every kind of Close id Close uses (templates have a longer prefix)', async () => {
    const { handlers, calls } = recordingHandlers();
    const r = await handleMessage(
      handlers,
      ENV,
      'sendText',
      { ...(VALID.sendText as object), templateId: 'smstmpl_0Zs3x4Q2b8JgUo1T2cS9kM' },
      SENDERS.popup,
    );
    expect(r.ok).toBe(true);
    expect(calls).toEqual(['sendText']);
  });

  it('drops anything but the number or lead from a page’s openCompose', async () => {
    const { handlers } = recordingHandlers();
    await handleMessage(
      handlers,
      ENV,
      'openCompose',
      { to: '+14155550100', notice: 'Your key expired: call 555' },
      SENDERS.contentScript,
    );
    expect(handlers.openCompose).toHaveBeenCalledWith({ to: '+14155550100' }, expect.anything());
  });

  it.each([undefined, null, 42, 'toString', '__proto__', 'constructor', 'sendSms'])(
    'an unknown type (%s) is refused and counted',
    async (type) => {
      const before = gateStats()['unknown-type'] ?? 0;
      const r = await handleMessage(recordingHandlers().handlers, ENV, type, null, SENDERS.popup);
      expect(r).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(gateStats()['unknown-type']).toBe(before + 1);
    },
  );

  it('a handler that throws answers a Result the page can show', async () => {
    const { handlers } = recordingHandlers();
    handlers.getSettings = async () => {
      throw new Error('disk on fire');
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await handleMessage(handlers, ENV, 'getSettings', undefined, SENDERS.options);
    expect(r).toEqual({ ok: false, error: { kind: 'internal', message: expect.stringContaining('disk on fire') } });
  });

  it('tells the handler which kind of sender asked', async () => {
    const { handlers } = recordingHandlers();
    await handleMessage(handlers, ENV, 'openCompose', { to: '+14155550100' }, SENDERS.composeWindow);
    expect(handlers.openCompose).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ class: 'extension-page' }),
    );
  });
});
