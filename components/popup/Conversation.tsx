import { useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '@/lib/protocol';
import { type ThreadItem, threadView, unreadSummary } from '@/lib/replies/thread-view';
import { formatWhen } from '@/lib/sms/format-when';

export interface ConversationProps {
  /** The lead whose texts to show; null for a number with no lead (only its new replies are shown). */
  leadId: string | null;
  /** The number being texted, whose replies are read once shown. */
  phone: string | null;
  /** The lead's name arrives with the conversation (a contact search does not carry it). */
  onLeadName?(name: string | null): void;
}

/**
 * The thread with this lead, both ways, oldest first like a chat; replies the rep had not seen are marked
 * "new" this once (they are read from then on, and leave the badge). Loaded after the composer is usable.
 */
export function Conversation({ leadId, phone, onLeadName }: ConversationProps) {
  const [items, setItems] = useState<ThreadItem[] | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Like a chat: the newest text is at the bottom, in view (again each time the texts change).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new list is rendered
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = listRef.current.scrollHeight;
  }, [items]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per thread; the callback may change identity
  useEffect(() => {
    let live = true;
    void (async () => {
      const thread = leadId ? await ask('getConversation', leadId) : null;
      // Marked read only once the texts are here to be shown.
      const read = await ask('markThreadRead', {
        ...(leadId ? { lead: leadId } : {}),
        ...(phone ? { to: phone } : {}),
      });
      if (!live) return;
      setItems(threadView(thread?.ok ? thread.value.messages : [], read.ok ? read.value : []));
      if (thread?.ok) onLeadName?.(thread.value.leadName);
    })();
    return () => {
      live = false;
    };
  }, [leadId, phone]);
  if (!items?.length) return null;
  const summary = unreadSummary(items);
  return (
    <>
      {summary && (
        <p class="muted" role="status">
          {summary}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list with no control inside must take focus so the keyboard can scroll it (WCAG 2.1.1, axe scrollable-region-focusable). */}
      <ol ref={listRef} class="conversation" aria-label="Texts with this lead" tabIndex={0}>
        {items.map((m) => (
          <li key={m.id} class={`${m.inbound ? 'in' : 'out'}${m.unread ? ' unread' : ''}`}>
            <span class="bubble">{m.text}</span>
            <span class="meta muted">
              {m.unread && <strong class="new">New · </strong>}
              {m.label} · {formatWhen(m.when)}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
