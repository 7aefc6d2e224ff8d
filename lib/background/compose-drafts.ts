/**
 * Unsent compose text, kept for the popup in trusted storage. The popup sends every keystroke here rather
 * than writing IndexedDB itself: a page's last transactions are aborted when it closes mid-typing, while
 * a message already sent is delivered, and the background outlives the popup. Writes for one target run
 * in order, so a slow earlier keystroke can never overwrite a later one.
 */
import { serialized } from '../serialized';
import { composeDrafts } from '../storage';
import type { Handlers } from './message-gate';

export function composeDraftHandlers(): Pick<Handlers, 'saveComposeDraft'> {
  const inOrder = serialized();
  return {
    saveComposeDraft: ({ key, text, templateId }) =>
      inOrder(async () => {
        if (!text && !templateId) await composeDrafts.delete(key);
        else await composeDrafts.set(key, { text, templateId, updatedAt: Date.now() });
        return null;
      }),
  };
}
