import { useEffect, useRef, useState } from 'preact/hooks';
import { ask, type SmsSummary } from '@/lib/protocol';
import { formatWhen } from '@/lib/sms/format-when';

export interface ConversationProps {
  leadId: string;
  /** The lead's name arrives with the conversation (a contact search does not carry it). */
  onLeadName?(name: string | null): void;
}

/** The last few texts with this lead, oldest first like a chat. Loaded after the composer is usable. */
export function Conversation({ leadId, onLeadName }: ConversationProps) {
  const [messages, setMessages] = useState<SmsSummary[] | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Like a chat: the newest text is at the bottom, in view (again each time the texts change).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new list is rendered
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = listRef.current.scrollHeight;
  }, [messages]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per lead; the callback may change identity
  useEffect(() => {
    let live = true;
    void ask('getConversation', leadId).then((r) => {
      if (!live) return;
      setMessages(r.ok ? [...r.value.messages].reverse() : []);
      if (r.ok) onLeadName?.(r.value.leadName);
    });
    return () => {
      live = false;
    };
  }, [leadId]);
  if (!messages?.length) return null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list with no control inside must take focus so the keyboard can scroll it (WCAG 2.1.1, axe scrollable-region-focusable).
    <ol ref={listRef} class="conversation" aria-label="Recent texts with this lead" tabIndex={0}>
      {messages.map((m) => (
        <li key={m.id} class={m.direction === 'inbound' ? 'in' : 'out'}>
          <span class="bubble">{m.text}</span>
          <span class="meta muted">
            {m.direction === 'inbound' ? 'Received' : m.status} ·{' '}
            {formatWhen(m.dateSent ?? m.dateScheduled ?? m.dateCreated)}
          </span>
        </li>
      ))}
    </ol>
  );
}
