// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CloseApiError } from '../../../lib/close/errors';
import type { CreateSmsBody, SmsActivity } from '../../../lib/close/schemas';
import { createSmsSafely, isSameMessage, type SafeSendDeps, sendDraftSafely } from '../../../lib/close/send-safely';

const BODY: CreateSmsBody = {
  status: 'outbox',
  text: 'Hi Ana',
  local_phone: '+14155550100',
  remote_phone: '+16505550199',
  lead_id: 'lead_a',
  contact_id: 'cont_a',
};

const sms = (over: Partial<SmsActivity> = {}): SmsActivity => ({
  id: 'acti_new',
  status: 'outbox',
  date_created: '2026-05-04T17:00:01.000000+00:00',
  text: 'Hi Ana',
  local_phone: '+14155550100',
  remote_phone: '+16505550199',
  ...over,
});

const network = () => new CloseApiError('network', "Can't reach Close.");

describe('isSameMessage', () => {
  it.each<[string, CreateSmsBody, Partial<SmsActivity>, boolean]>([
    ['identical', BODY, {}, true],
    ['already sent', BODY, { status: 'sent' }, true],
    ['failed at the carrier', BODY, { status: 'error' }, true],
    ['a draft is not a send', BODY, { status: 'draft' }, false],
    ['other recipient', BODY, { remote_phone: '+16505550100' }, false],
    ['other sender', BODY, { local_phone: '+14155550199' }, false],
    ['Close chose the sender', { ...BODY, local_phone: undefined }, { local_phone: '+14155550199' }, true],
    ['other words', BODY, { text: 'Hi Ben' }, false],
    ['whitespace and CRLF differences', { ...BODY, text: ' Hi\r\nAna ' }, { text: 'Hi\nAna' }, true],
    [
      'template, rendered by Close',
      { ...BODY, text: undefined, template_id: 'smstmpl_a' },
      { text: 'Hello Ana!', template_id: 'smstmpl_a' },
      true,
    ],
    ['other template', { ...BODY, text: undefined, template_id: 'smstmpl_a' }, { template_id: 'smstmpl_b' }, false],
    ['a draft matches a draft', { ...BODY, status: 'draft' }, { status: 'draft' }, true],
    ['a logged inbound text', { ...BODY, status: 'inbox' }, { status: 'inbox' }, true],
  ])('%s → %s', (_name, body, over, expected) => {
    expect(isSameMessage(body, sms(over))).toBe(expected);
  });
});

function deps(script: {
  create?: Array<() => Promise<SmsActivity>>;
  update?: Array<() => Promise<SmsActivity>>;
  get?: Array<() => Promise<SmsActivity>>;
  list?: Array<() => SmsActivity[]>;
}) {
  const log: string[] = [];
  const filters: unknown[] = [];
  const clock = { offsetMs: 0, learnedOffsetMs: 0 };
  const next = <T>(queue: Array<() => T> | undefined, name: string): T => {
    const step = queue?.shift();
    if (!step) throw new Error(`unexpected ${name}`);
    return step();
  };
  const d: SafeSendDeps = {
    create: async () => {
      log.push('create');
      return next(script.create, 'create');
    },
    update: async () => {
      log.push('update');
      return next(script.update, 'update');
    },
    get: async () => {
      log.push('get');
      return next(script.get, 'get');
    },
    listCreatedSince: (filter) => {
      log.push('list');
      filters.push(filter);
      // Listing is a response from Close, which teaches the clock offset.
      clock.offsetMs = clock.learnedOffsetMs;
      const items = next(script.list, 'list');
      return (async function* () {
        yield* items;
      })();
    },
    now: () => Date.parse('2026-05-04T17:00:00Z'),
    toServerTime: (localMs) => localMs + clock.offsetMs,
    sleep: async () => {},
  };
  return { deps: d, log, filters, clock };
}

describe('createSmsSafely', () => {
  it('returns the SMS Close made before the answer was lost, without sending again', async () => {
    const {
      deps: d,
      log,
      filters,
    } = deps({
      create: [() => Promise.reject(network())],
      list: [() => [sms({ id: 'acti_other', text: 'Other' }), sms()]],
    });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_new' });
    expect(log).toEqual(['create', 'list']);
    expect(filters).toEqual([
      { lead_id: 'lead_a', contact_id: 'cont_a', date_created__gt: '2026-05-04T16:50:00.000Z' },
    ]);
  });

  it('ignores a matching text from before the attempt (the rep sent the same words earlier)', async () => {
    const { deps: d, log } = deps({
      create: [() => Promise.reject(network()), async () => sms({ id: 'acti_second' })],
      list: [() => [sms({ id: 'acti_earlier', date_created: '2026-05-04T16:58:00.000000+00:00' })]],
    });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_second' });
    expect(log).toEqual(['create', 'list', 'create']);
  });

  it("finds it even when this machine's clock is 2 minutes ahead and Close's clock was not known yet", async () => {
    const {
      deps: d,
      log,
      clock,
    } = deps({
      create: [() => Promise.reject(network())],
      list: [() => [sms({ date_created: '2026-05-04T16:58:01.000000' })]],
    });
    clock.learnedOffsetMs = -120_000;
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_new' });
    expect(log).toEqual(['create', 'list']);
  });

  it('picks the newest of several matches', async () => {
    const { deps: d } = deps({
      create: [() => Promise.reject(network())],
      list: [
        () => [sms({ id: 'acti_old' }), sms({ id: 'acti_newer', date_created: '2026-05-04T17:00:02.000000+00:00' })],
      ],
    });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_newer' });
  });

  it('repeats once when Close has no trace of it', async () => {
    const { deps: d, log } = deps({ create: [() => Promise.reject(network()), async () => sms()], list: [() => []] });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_new' });
    expect(log).toEqual(['create', 'list', 'create']);
  });

  it('stops after the repeat fails too, having checked again', async () => {
    const { deps: d, log } = deps({
      create: [() => Promise.reject(network()), () => Promise.reject(new CloseApiError('timeout', 'slow'))],
      list: [() => [], () => []],
    });
    await expect(createSmsSafely(d, BODY)).rejects.toMatchObject({ kind: 'timeout', outcomeUnknown: undefined });
    expect(log).toEqual(['create', 'list', 'create', 'list']);
  });

  it('says the outcome is unknown when it cannot check', async () => {
    const { deps: d, log } = deps({
      create: [() => Promise.reject(new CloseApiError('server', 'x', { status: 500 }))],
      list: [
        () => {
          throw network();
        },
      ],
    });
    const error = await createSmsSafely(d, BODY).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'server', status: 500, outcomeUnknown: true });
    expect((error as Error).message).toMatch(/Look at the lead in Close before sending again/);
    expect(log).toEqual(['create', 'list']);
  });

  it.each(['bad-request', 'rate-limited', 'unauthorized', 'bad-response'] as const)(
    'passes a %s straight through without looking',
    async (kind) => {
      const { deps: d, log } = deps({ create: [() => Promise.reject(new CloseApiError(kind, 'x'))] });
      await expect(createSmsSafely(d, BODY)).rejects.toMatchObject({ kind });
      expect(log).toEqual(['create']);
    },
  );
});

describe('sendDraftSafely', () => {
  const patch = { status: 'outbox' as const };

  it.each(['outbox', 'sent', 'scheduled', 'error'])('returns the SMS when it already moved to %s', async (status) => {
    const { deps: d, log } = deps({ update: [() => Promise.reject(network())], get: [async () => sms({ status })] });
    await expect(sendDraftSafely(d, 'acti_new', patch)).resolves.toMatchObject({ status });
    expect(log).toEqual(['update', 'get']);
  });

  it('repeats once when it is still a draft', async () => {
    const { deps: d, log } = deps({
      update: [() => Promise.reject(network()), async () => sms()],
      get: [async () => sms({ status: 'draft' })],
    });
    await expect(sendDraftSafely(d, 'acti_new', patch)).resolves.toMatchObject({ status: 'outbox' });
    expect(log).toEqual(['update', 'get', 'update']);
  });

  it('says the outcome is unknown when the re-read fails', async () => {
    const { deps: d } = deps({
      update: [() => Promise.reject(network())],
      get: [() => Promise.reject(network())],
    });
    await expect(sendDraftSafely(d, 'acti_new', patch)).rejects.toMatchObject({
      kind: 'network',
      outcomeUnknown: true,
    });
  });
});
