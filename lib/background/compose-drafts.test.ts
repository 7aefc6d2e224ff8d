import { beforeEach, describe, expect, it } from 'vitest';
import { freshBrowser, SENDERS } from '@/tests/unit/support/background';
import { composeDrafts } from '../storage';
import { composeDraftHandlers } from './compose-drafts';

const popup = { ...SENDERS.popup, class: 'extension-page' as const };

beforeEach(freshBrowser);

describe('saveComposeDraft', () => {
  it('keeps the last of a burst of keystrokes, in order, and forgets an emptied draft', async () => {
    const h = composeDraftHandlers();
    const word = 'Half-written thought';
    await Promise.all(
      [...word].map((_, i) =>
        h.saveComposeDraft({ key: 'to:+1', text: word.slice(0, i + 1), templateId: null }, popup),
      ),
    );
    expect((await composeDrafts.get('to:+1'))?.text).toBe(word);
    await h.saveComposeDraft({ key: 'to:+1', text: '', templateId: null }, popup);
    expect(await composeDrafts.get('to:+1')).toBeNull();
  });

  it('keeps a template choice with no text', async () => {
    await composeDraftHandlers().saveComposeDraft({ key: 'lead:x', text: '', templateId: 'smstmpl_1' }, popup);
    expect(await composeDrafts.get('lead:x')).toMatchObject({ templateId: 'smstmpl_1' });
  });
});
