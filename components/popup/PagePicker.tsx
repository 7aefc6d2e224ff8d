import { useEffect, useState } from 'preact/hooks';
import { ownerLabel } from '@/lib/compose/page-owners';
import type { PageFindings } from '@/lib/page-findings';
import { normalizeNumber } from '@/lib/phone/normalize-number';
import { ask, type ComposeTarget, type ErrorInfo, type PageOwners } from '@/lib/protocol';
import { ErrorNotice } from '../shared/ErrorNotice';

export interface PagePickerProps {
  tab: { id: number; url: string } | null;
  onPick(target: ComposeTarget): void;
}

/** Numbers and leads found on the current page, most frequent first, plus a field to type any number. */
export function PagePicker({ tab, onPick }: PagePickerProps) {
  const [findings, setFindings] = useState<PageFindings | null>(null);
  const [scanError, setScanError] = useState<ErrorInfo | null>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const [defaultCountry, setDefaultCountry] = useState('US');
  const [notRead, setNotRead] = useState<string | null>(null);
  const [owners, setOwners] = useState<PageOwners | null>(null);

  useEffect(() => {
    void ask('getSettings').then((r) => r.ok && setDefaultCountry(r.value.defaultCountry));
  }, []);
  useEffect(() => {
    if (!tab) return;
    void ask('getTabFindings', tab.id).then(async (found) => {
      if (found.ok && found.value) {
        setFindings(found.value);
        return;
      }
      // Not scanned yet (the "on click" mode, or a site the detector isn't registered on): scan once now.
      const r = await ask('scanTab', tab.id);
      if (!r.ok) setScanError(r.error);
      else if (r.value.read) setFindings(r.value.findings);
      else {
        setFindings({ url: tab.url, numbers: [], leadIds: [] });
        setNotRead(r.value.reason);
      }
    });
  }, [tab]);
  // Who's who: names arrive after the list, which is usable at once.
  useEffect(() => {
    if (!findings || (!findings.numbers.length && !findings.leadIds.length)) return;
    let live = true;
    void ask('lookupPageOwners', {
      numbers: findings.numbers.map((n) => n.e164),
      leadIds: findings.leadIds,
    }).then((r) => live && r.ok && setOwners(r.value));
    return () => {
      live = false;
    };
  }, [findings]);

  const submitTyped = (e: Event) => {
    e.preventDefault();
    const n = normalizeNumber(typed, defaultCountry);
    if (!n.ok) {
      setTypedError(n.error);
      return;
    }
    setTypedError(null);
    onPick({ to: n.e164 });
  };

  return (
    <section aria-label="Pick who to text">
      <form onSubmit={submitTyped} class="typed">
        <label for="to">To</label>
        <div class="row">
          <input
            id="to"
            type="tel"
            value={typed}
            placeholder="Type a number"
            aria-invalid={typedError ? 'true' : 'false'}
            aria-describedby="to-error"
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            Write a text
          </button>
        </div>
        <p id="to-error" class="error" role={typedError ? 'alert' : undefined}>
          {typedError}
        </p>
      </form>
      <h2>On this page</h2>
      {scanError && <ErrorNotice error={scanError} />}
      {!findings && !scanError && <p class="muted">Reading the page…</p>}
      {notRead && <p class="muted">{notRead}</p>}
      {findings && !notRead && !findings.numbers.length && !findings.leadIds.length && (
        <p class="muted">No phone numbers or Close leads found on this page.</p>
      )}
      <ul class="found">
        {findings?.leadIds.map((id) => (
          <li key={id}>
            <button type="button" onClick={() => onPick({ lead: id })}>
              Close lead <code>{id.slice(0, 14)}…</code>{' '}
              {owners?.leads[id] && <span class="owner">{owners.leads[id]}</span>}
            </button>
          </li>
        ))}
        {findings?.numbers.map((n) => {
          const owner = ownerLabel(owners?.numbers[n.e164]);
          return (
            <li key={n.e164}>
              <button
                type="button"
                onClick={() => onPick({ to: n.e164 })}
                aria-label={`Text ${n.e164} ${n.raw}${owner ? ` ${owner}` : ''}`}
              >
                {/* The accessible name must contain the visible text (WCAG 2.5.3), in the same order. */}
                {n.e164} <span class="muted">{n.raw}</span>{' '}
                {owner && <span class={`owner${owners?.numbers[n.e164] ? '' : ' muted'}`}>{owner}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
