// The architecture, checked on the real tree. Each rule is shown to fail on a deliberate break in rules.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountHandlers } from '@/lib/background/account';
import { createCloseData } from '@/lib/background/close-data';
import { complianceSources } from '@/lib/background/compliance-facts';
import { composeDraftHandlers } from '@/lib/background/compose-drafts';
import { composeOpenerHandlers } from '@/lib/background/compose-opener';
import { composeHandlers } from '@/lib/background/compose-service';
import { createDeliveryTracker, deliveryHandlers } from '@/lib/background/delivery-tracking';
import { findingsHandlers } from '@/lib/background/findings-store';
import { MESSAGE_RULES } from '@/lib/background/message-gate';
import { pageOwnerHandlers } from '@/lib/background/page-owners';
import { queueHandlers } from '@/lib/background/queue-service';
import { createReplyPoller, replyHandlers } from '@/lib/background/reply-poller';
import { createHandlers } from '@/lib/background/setup-background';
import { fakeClose } from '../support/background';
import {
  classificationViolations,
  contentScriptViolations,
  entrypointViolations,
  handlerOwnershipViolations,
  handlerRegistrationViolations,
  layeringViolations,
  packagesReachable,
  protocolKeys,
  ROOT,
  readTree,
} from './rules';

const keys = protocolKeys(readFileSync(join(ROOT, 'lib/protocol.ts'), 'utf8'));
const tree = readTree('lib', 'components', 'entrypoints');

/** Packages the always-on content script must never pull in. */
const FORBIDDEN_IN_CONTENT = [/^zod/, /^preact/, /^@preact/, /^libphonenumber-js/];

describe('architecture', () => {
  it('reads the protocol', () => {
    expect(keys.length).toBeGreaterThan(15);
    expect(keys).toContain('sendText');
  });

  it('every ProtocolMap message is classified for who may send it, once', () => {
    expect(classificationViolations(keys, Object.keys(MESSAGE_RULES))).toEqual([]);
  });

  it('every message is handled by exactly one background module', () => {
    const data = createCloseData(fakeClose());
    const delivery = createDeliveryTracker(data.close);
    const compliance = complianceSources(data);
    const replies = createReplyPoller({ close: data.close, getMe: data.getMe, hasKey: async () => false });
    const sets = {
      account: Object.keys(accountHandlers({ data, clientWithKey: () => data.close })),
      findings: Object.keys(findingsHandlers()),
      opener: Object.keys(composeOpenerHandlers()),
      compose: Object.keys(composeHandlers({ data, delivery, compliance })),
      queue: Object.keys(queueHandlers({ data, delivery, compliance })),
      delivery: Object.keys(deliveryHandlers(delivery)),
      drafts: Object.keys(composeDraftHandlers()),
      replies: Object.keys(replyHandlers(replies)),
      owners: Object.keys(pageOwnerHandlers(data.close)),
      gate: ['getGateStats'],
    };
    expect(handlerOwnershipViolations(keys, sets)).toEqual([]);
    expect(
      Object.keys(createHandlers({ data, delivery, compliance, replies, createClient: () => data.close })).sort(),
    ).toEqual([...keys].sort());
  });

  it('only the message gate registers message handlers', () => {
    expect(handlerRegistrationViolations(tree)).toEqual([]);
  });

  it('components never import the background or the Close client', () => {
    expect(layeringViolations(tree)).toEqual([]);
  });

  it.each(['entrypoints/prefilter.ts', 'entrypoints/detector.content.ts'])(
    '%s pulls in no zod, UI code or phone metadata',
    (entry) => {
      // The background answers which digits are numbers (findNumbers): no page loads libphonenumber-js.
      const packages = packagesReachable(entry, { ...tree });
      expect(contentScriptViolations(packages, FORBIDDEN_IN_CONTENT)).toEqual([]);
    },
  );

  it('entrypoints stay wiring-sized', () => {
    expect(entrypointViolations(tree)).toEqual([]);
  });
});
