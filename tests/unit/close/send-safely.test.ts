// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CloseApiError } from '../../../lib/close/errors';
import type { CreateSmsBody, SmsActivity, UpdateSmsBody } from '../../../lib/close/schemas';
import {
  createSmsSafely,
  isSameMessage,
  type SafeSendDeps,
  sendDraftSafely,
  splitSend,
} from '../../../lib/close/send-safely';

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

/** A text logged as already sent (e.g. by an integration): creating it texts nobody. */
const LOGGED: CreateSmsBody = { ...BODY, status: 'sent', direction: 'outbound' };

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
  remove?: Array<() => Promise<void>>;
  list?: Array<() => SmsActivity[]>;
}) {
  const log: string[] = [];
  const calls: { create: CreateSmsBody[]; update: [string, UpdateSmsBody][]; remove: string[] } = {
    create: [],
    update: [],
    remove: [],
  };
  const filters: unknown[] = [];
  const clock = { offsetMs: 0, learnedOffsetMs: 0 };
  const next = <T>(queue: Array<() => T> | undefined, name: string): T => {
    const step = queue?.shift();
    if (!step) throw new Error(`unexpected ${name}`);
    return step();
  };
  const d: SafeSendDeps = {
    create: async (body) => {
      log.push('create');
      calls.create.push(body);
      return next(script.create, 'create');
    },
    update: async (id, patch) => {
      log.push('update');
      calls.update.push([id, patch]);
      return next(script.update, 'update');
    },
    get: async () => {
      log.push('get');
      return next(script.get, 'get');
    },
    remove: async (id) => {
      log.push('remove');
      calls.remove.push(id);
      return next(script.remove, 'remove');
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
  return { deps: d, log, filters, clock, calls };
}

describe('createSmsSafely: a logged text (sends nothing) is looked for, then repeated once', () => {
  it('returns the SMS Close made before the answer was lost, without sending again', async () => {
    const {
      deps: d,
      log,
      filters,
    } = deps({
      create: [() => Promise.reject(network())],
      list: [() => [sms({ id: 'acti_other', text: 'Other' }), sms()]],
    });
    await expect(createSmsSafely(d, LOGGED)).resolves.toMatchObject({ id: 'acti_new' });
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
    await expect(createSmsSafely(d, LOGGED)).resolves.toMatchObject({ id: 'acti_second' });
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
    await expect(createSmsSafely(d, LOGGED)).resolves.toMatchObject({ id: 'acti_new' });
    expect(log).toEqual(['create', 'list']);
  });

  it('picks the newest of several matches', async () => {
    const { deps: d } = deps({
      create: [() => Promise.reject(network())],
      list: [
        () => [sms({ id: 'acti_old' }), sms({ id: 'acti_newer', date_created: '2026-05-04T17:00:02.000000+00:00' })],
      ],
    });
    await expect(createSmsSafely(d, LOGGED)).resolves.toMatchObject({ id: 'acti_newer' });
  });

  it('repeats once when Close has no trace of it', async () => {
    const { deps: d, log } = deps({ create: [() => Promise.reject(network()), async () => sms()], list: [() => []] });
    await expect(createSmsSafely(d, LOGGED)).resolves.toMatchObject({ id: 'acti_new' });
    expect(log).toEqual(['create', 'list', 'create']);
  });

  it('stops after the repeat fails too, having checked again', async () => {
    const { deps: d, log } = deps({
      create: [() => Promise.reject(network()), () => Promise.reject(new CloseApiError('timeout', 'slow'))],
      list: [() => [], () => []],
    });
    await expect(createSmsSafely(d, LOGGED)).rejects.toMatchObject({ kind: 'timeout', outcomeUnknown: undefined });
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
    const error = await createSmsSafely(d, LOGGED).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'server', status: 500, outcomeUnknown: true });
    expect((error as Error).message).toMatch(/Look at the lead in Close before sending again/);
    expect(log).toEqual(['create', 'list']);
  });

  it.each(['bad-request', 'rate-limited', 'unauthorized', 'bad-response'] as const)(
    'passes a %s straight through without looking',
    async (kind) => {
      const { deps: d, log } = deps({ create: [() => Promise.reject(new CloseApiError(kind, 'x'))] });
      await expect(createSmsSafely(d, LOGGED)).rejects.toMatchObject({ kind });
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

describe('createSmsSafely: a send is a draft, then a PUT of that one draft', () => {
  const draft = (over: Partial<SmsActivity> = {}) => sms({ id: 'acti_draft', status: 'draft', ...over });
  const refusedOnlyDrafts = () =>
    new CloseApiError('bad-request', 'Only drafts can be modified; this SMS is "outbox".', { status: 400 });

  it.each<[string, CreateSmsBody, CreateSmsBody, UpdateSmsBody]>([
    [
      'send now with an undo window',
      { ...BODY, send_in: 5 },
      { ...BODY, status: 'draft' },
      { status: 'outbox', send_in: 5 },
    ],
    ['send now', BODY, { ...BODY, status: 'draft' }, { status: 'outbox' }],
    [
      'schedule',
      { ...BODY, status: 'scheduled', date_scheduled: '2030-01-01T09:00:00+00:00' },
      { ...BODY, status: 'draft' },
      { status: 'scheduled', date_scheduled: '2030-01-01T09:00:00+00:00' },
    ],
  ])('splits %s into the draft and the PUT', (_name, body, draftBody, sendPatch) => {
    expect(splitSend(body)).toEqual({ draftBody, sendPatch });
  });

  it('creates a draft, sends it by id, then sweeps for stray copies', async () => {
    const {
      deps: d,
      log,
      calls,
    } = deps({
      create: [async () => draft()],
      update: [async () => sms({ id: 'acti_draft' })],
      list: [() => []],
    });
    await expect(createSmsSafely(d, { ...BODY, send_in: 5 })).resolves.toMatchObject({
      id: 'acti_draft',
      status: 'outbox',
    });
    expect(log).toEqual(['create', 'update', 'list']);
    expect(calls.create).toEqual([{ ...BODY, status: 'draft' }]);
    expect(calls.update).toEqual([['acti_draft', { status: 'outbox', send_in: 5 }]]);
  });

  it('deletes the draft a re-sent POST left behind, never the one it sent', async () => {
    const {
      deps: d,
      log,
      calls,
    } = deps({
      create: [async () => draft()],
      update: [async () => sms({ id: 'acti_draft' })],
      list: [
        () => [sms({ id: 'acti_draft' }), draft({ id: 'acti_stray' }), draft({ id: 'acti_other', text: 'Other' })],
      ],
      remove: [async () => {}],
    });
    await createSmsSafely(d, BODY);
    expect(log).toEqual(['create', 'update', 'list', 'remove']);
    expect(calls.remove).toEqual(['acti_stray']);
  });

  it.each(['outbox', 'scheduled', 'sent', 'error'])(
    '"only drafts can be modified" on a repeated PUT, and the SMS is %s: that is success',
    async (status) => {
      const { deps: d, log } = deps({
        create: [async () => draft()],
        update: [() => Promise.reject(refusedOnlyDrafts())],
        get: [async () => sms({ id: 'acti_draft', status })],
        list: [() => []],
      });
      await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_draft', status });
      expect(log).toEqual(['create', 'update', 'get', 'list']);
    },
  );

  it("a 400 while it is still a draft is Close's real refusal: the draft is removed and the reason shown", async () => {
    const refusal = new CloseApiError('bad-request', 'local_phone: not SMS-enabled', { status: 400 });
    const {
      deps: d,
      log,
      calls,
    } = deps({
      create: [async () => draft()],
      update: [() => Promise.reject(refusal)],
      get: [async () => draft()],
      remove: [async () => {}],
      list: [() => []],
    });
    await expect(createSmsSafely(d, BODY)).rejects.toBe(refusal);
    expect(log).toEqual(['create', 'update', 'get', 'remove', 'list']);
    expect(calls.remove).toEqual(['acti_draft']);
  });

  it('a lost answer to the PUT: read back, and a draft still is repeated once', async () => {
    const { deps: d, log } = deps({
      create: [async () => draft()],
      update: [() => Promise.reject(network()), async () => sms({ id: 'acti_draft' })],
      get: [async () => draft()],
      list: [() => []],
    });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ status: 'outbox' });
    expect(log).toEqual(['create', 'update', 'get', 'update', 'list']);
  });

  it('two lost answers, still a draft: not sent, said plainly, and the draft removed', async () => {
    const { deps: d, calls } = deps({
      create: [async () => draft()],
      update: [() => Promise.reject(network()), () => Promise.reject(network())],
      get: [async () => draft(), async () => draft()],
      remove: [async () => {}],
      list: [() => []],
    });
    const error = await createSmsSafely(d, BODY).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: undefined });
    expect((error as Error).message).toMatch(/Your text was not sent/);
    expect(calls.remove).toEqual(['acti_draft']);
  });

  it('the PUT may have landed and the read-back fails: outcome unknown, nothing removed', async () => {
    const { deps: d, calls } = deps({
      create: [async () => draft()],
      update: [() => Promise.reject(new CloseApiError('timeout', 'slow'))],
      get: [() => Promise.reject(network())],
      list: [() => []],
    });
    await expect(createSmsSafely(d, BODY)).rejects.toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(calls.remove).toEqual([]);
  });

  it('a lost answer to the draft POST: finds the draft instead of making another', async () => {
    const { deps: d, log } = deps({
      create: [() => Promise.reject(network())],
      list: [() => [draft()], () => []],
      update: [async () => sms({ id: 'acti_draft' })],
    });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ id: 'acti_draft' });
    expect(log).toEqual(['create', 'list', 'update', 'list']);
  });

  it('the draft POST fails twice: nothing was sent, and it says so (not "unknown")', async () => {
    const { deps: d } = deps({
      create: [() => Promise.reject(network()), () => Promise.reject(network())],
      list: [() => [], () => []],
    });
    const error = await createSmsSafely(d, BODY).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: undefined });
    expect((error as Error).message).toMatch(/Your text was not sent/);
  });

  it("a stray sweep that fails is not the rep's problem", async () => {
    const { deps: d } = deps({
      create: [async () => draft()],
      update: [async () => sms({ id: 'acti_draft' })],
      list: [
        () => {
          throw network();
        },
      ],
    });
    await expect(createSmsSafely(d, BODY)).resolves.toMatchObject({ status: 'outbox' });
  });
});
