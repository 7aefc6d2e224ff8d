import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser } from '@/tests/unit/support/background';
import { DEFAULT_SETTINGS } from './settings/settings';
import {
  composeDrafts,
  deliveryItem,
  migrateLegacyStorage,
  readSettings,
  sealedApiKeyItem,
  updateSettings,
} from './storage';

/** storage.local as version 0.1 left it: settings, the sealed key, caches of CRM data, drafts, delivery. */
const V01_LOCAL = {
  settings: {
    defaultCountry: 'GB',
    countryChosenByRep: true,
    detectionMode: 'sites',
    sites: ['crm.example.com'],
    excludedSites: ['bank.example'],
    lastFromNumber: '+442079460000',
  },
  settings$: { v: 1 },
  apiKeySealed: { iv: 'aXY=', data: 'Y2lwaGVy' },
  'cache.me': { value: { id: 'user_1', email: 'rep@example.com', first_name: 'Dana' }, savedAt: 1 },
  'cache.templates': { value: [{ id: 'tmpl_1', name: 'Hi', text: 'Hello' }], savedAt: 1 },
  'cache.queue': { value: [{ id: 'acti_1', text: 'Private words', leadName: 'Bayview Dental' }], savedAt: 1 },
  'cache.leadNames': { value: { lead_1: { name: 'Bayview Dental', contacts: { cont_1: 'Ana Torres' } } }, savedAt: 1 },
  composeDrafts: {
    'to:+14155550100': { text: 'Hi Ana, about Thursday', templateId: null, updatedAt: 5 },
    'lead:lead_abc': { text: '', templateId: 'tmpl_1', updatedAt: 6 },
  },
  delivery: { tracked: { acti_2: { status: 'outbox', since: 9 } }, failed: {} },
};

beforeEach(freshBrowser);

describe('migration from the 0.1 storage.local layout', () => {
  it('keeps drafts, settings, the key and delivery state, and leaves nothing in storage.local', async () => {
    await fakeBrowser.storage.local.set(V01_LOCAL);
    await migrateLegacyStorage();
    expect(await composeDrafts.get('to:+14155550100')).toEqual(V01_LOCAL.composeDrafts['to:+14155550100']);
    expect(await composeDrafts.get('lead:lead_abc')).toMatchObject({ templateId: 'tmpl_1' });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, ...V01_LOCAL.settings });
    expect(await sealedApiKeyItem.getValue()).toEqual(V01_LOCAL.apiKeySealed);
    expect(await deliveryItem.getValue()).toEqual(V01_LOCAL.delivery);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('runs once: what a content script writes to storage.local later is never read', async () => {
    await fakeBrowser.storage.local.set(V01_LOCAL);
    await migrateLegacyStorage();
    await fakeBrowser.storage.local.set({
      settings: { detectionMode: 'all', excludedSites: [] },
      apiKeySealed: { iv: 'Zm9yZ2Vk', data: 'Zm9yZ2Vk' },
      composeDrafts: { 'to:+14155550100': { text: 'forged', templateId: null, updatedAt: 7 } },
    });
    await migrateLegacyStorage();
    expect((await readSettings()).detectionMode).toBe('sites');
    expect((await readSettings()).excludedSites).toEqual(['bank.example']);
    expect(await sealedApiKeyItem.getValue()).toEqual(V01_LOCAL.apiKeySealed);
    expect((await composeDrafts.get('to:+14155550100'))?.text).toBe('Hi Ana, about Thursday');
  });

  it('a fresh install starts from defaults and keeps nothing in storage.local', async () => {
    await migrateLegacyStorage();
    expect((await readSettings()).detectionMode).toBe('click');
    await updateSettings({ detectionMode: 'all' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('repairs a damaged 0.1 value instead of carrying it over', async () => {
    await fakeBrowser.storage.local.set({
      settings: { detectionMode: 'everything', defaultCountry: 42 },
      apiKeySealed: 'junk',
    });
    await migrateLegacyStorage();
    expect(await readSettings()).toMatchObject({ detectionMode: 'click', defaultCountry: 'US' });
    expect(await sealedApiKeyItem.getValue()).toBeNull();
  });
});

describe('trusted compose drafts', () => {
  it('each target is its own entry: writers never undo each other', async () => {
    await Promise.all([
      composeDrafts.set('to:+1', { text: 'a', templateId: null, updatedAt: 1 }),
      composeDrafts.set('to:+2', { text: 'b', templateId: null, updatedAt: 1 }),
    ]);
    await composeDrafts.delete('to:+1');
    expect(Object.keys(await composeDrafts.all())).toEqual(['to:+2']);
  });
});
