import { useState } from 'preact/hooks';
import type { ComposeContext, ErrorInfo } from '@/lib/protocol';
import { ask } from '@/lib/protocol';
import { ErrorNotice } from '../shared/ErrorNotice';

export interface RecipientPanelProps {
  ctx: ComposeContext;
  leadName: string | null;
  contactId: string | null;
  onContact(id: string | null): void;
  onLeadCreated(): void;
}

/** To, and who that is in Close: lead and contact names, a contact picker, or "Create lead". */
export function RecipientPanel({ ctx, leadName, contactId, onContact, onLeadCreated }: RecipientPanelProps) {
  const contact = ctx.contacts.find((c) => c.id === contactId);
  return (
    <div class="recipient">
      <p>
        <span class="label">To</span> <output aria-label="To">{ctx.to ?? '—'}</output>
      </p>
      {ctx.lead ? (
        <p class="who">
          <output aria-label="Lead">{leadName ?? 'Close lead'}</output>
          {contact && (
            <>
              {' · '}
              <output aria-label="Contact">{contact.name}</output>
            </>
          )}
        </p>
      ) : (
        ctx.to && <CreateLead phone={ctx.to} onCreated={onLeadCreated} />
      )}
      {ctx.contacts.length > 1 && (
        <>
          <label for="contact">Contact</label>
          <select id="contact" value={contactId ?? ''} onChange={(e) => onContact(e.currentTarget.value || null)}>
            {ctx.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

function CreateLead({ phone, onCreated }: { phone: string; onCreated(): void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    const r = await ask('createLead', { phone, ...(name.trim() ? { name: name.trim() } : {}) });
    setBusy(false);
    if (r.ok) onCreated();
    else setError(r.error);
  };
  return (
    <div class="create-lead">
      <p>This number isn't on any lead in Close yet.</p>
      <label for="lead-name">Lead name (optional)</label>
      <input
        id="lead-name"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        placeholder="Company or person"
      />
      <button type="button" disabled={busy} onClick={() => void create()}>
        Create lead
      </button>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
