import type { CloseClient } from '../close/client';
import { migrateLegacyStorage } from '../storage';
import { accountHandlers, setupAccountEvents } from './account';
import { readApiKey } from './api-key';
import { type CloseData, createCloseData } from './close-data';
import { type ComplianceSources, complianceSources } from './compliance-facts';
import { composeDraftHandlers } from './compose-drafts';
import { composeOpenerHandlers, setupComposeOpenerEvents } from './compose-opener';
import { composeHandlers } from './compose-service';
import { setupContentScriptRegistration } from './content-script-registration';
import { setupContextMenu } from './context-menu';
import {
  createDeliveryTracker,
  type DeliveryTracker,
  deliveryHandlers,
  setupDeliveryEvents,
} from './delivery-tracking';
import { setupDemo } from './demo-setup';
import { findingsHandlers, setupFindingsEvents } from './findings-store';
import { gateStats, type Handlers, setupMessageGate } from './message-gate';
import { pageOwnerHandlers } from './page-owners';
import { queueHandlers } from './queue-service';
import { createReplyPoller, type ReplyPoller, replyHandlers, setupReplyEvents } from './reply-poller';

export interface BackgroundDeps {
  /** Builds the one Close client; `getApiKey` is how it reads the key (the sealed one, or a key being checked). */
  createClient(getApiKey: () => Promise<string | null>): CloseClient;
}

export interface Services {
  data: CloseData;
  delivery: DeliveryTracker;
  compliance: ComplianceSources;
  replies: ReplyPoller;
  createClient: BackgroundDeps['createClient'];
}

export function createServices({ createClient }: BackgroundDeps): Services {
  const data = createCloseData(createClient(readApiKey));
  const replies = createReplyPoller({
    close: data.close,
    getMe: data.getMe,
    hasKey: async () => (await readApiKey()) !== null,
  });
  return {
    data,
    delivery: createDeliveryTracker(data.close),
    compliance: complianceSources(data),
    replies,
    createClient,
  };
}

/** Every message's handler, from the modules that own them. The Handlers type refuses a missing one. */
export function createHandlers({ data, delivery, compliance, replies, createClient }: Services): Handlers {
  return {
    ...accountHandlers({
      data,
      clientWithKey: (key) => createClient(async () => key),
      onAccountChange: (signedIn) => (signedIn ? replies.start() : replies.stop()),
    }),
    ...findingsHandlers(),
    ...composeOpenerHandlers(),
    ...composeHandlers({ data, delivery, compliance, afterSend: replies.sent }),
    ...queueHandlers({ data, delivery, compliance, replies }),
    ...deliveryHandlers(delivery),
    ...replyHandlers(replies),
    ...pageOwnerHandlers(data.close),
    ...composeDraftHandlers(),
    getGateStats: async () => gateStats(),
  };
}

/** Wires every listener synchronously, before any await, so the event that woke the worker is not lost. */
export function setupBackground(deps: BackgroundDeps): Handlers {
  void migrateLegacyStorage().catch((e) => console.error('[close-sms] storage migration failed', e));
  const services = createServices(deps);
  const handlers = createHandlers(services);
  setupMessageGate(handlers);
  setupAccountEvents();
  setupFindingsEvents();
  setupComposeOpenerEvents();
  setupDeliveryEvents(services.delivery);
  setupReplyEvents(services.replies);
  setupContentScriptRegistration();
  setupContextMenu();
  setupDemo();
  return handlers;
}
