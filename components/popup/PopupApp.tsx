import { useEffect, useState } from 'preact/hooks';
import { requestFromSearch, tabFromSearch } from '@/lib/compose/compose-url';
import { findLeadIds } from '@/lib/detect';
import { type AccountStatus, ask, type ComposeRequest, type ErrorInfo } from '@/lib/protocol';
import { pendingComposeItem } from '@/lib/storage';
import { ErrorNotice } from '../shared/ErrorNotice';
import { ComposeView } from './ComposeView';
import { PagePicker } from './PagePicker';
import { QueueView } from './QueueView';

export interface PopupAppProps {
  /** `location.search`: `?to=…`, `?lead=…` open compose directly; `?tab=…` names the page the popup is for. */
  search: string;
}

/** A request the background left for the toolbar popup it just opened (it cannot pass a URL). */
const PENDING_FRESH_MS = 30_000;

export function PopupApp({ search }: PopupAppProps) {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [statusError, setStatusError] = useState<ErrorInfo | null>(null);
  const [request, setRequest] = useState<ComposeRequest | null>(() => requestFromSearch(search));
  const [tab, setTab] = useState<{ id: number; url: string } | null>(null);
  const [view, setView] = useState<'compose' | 'queue'>(() =>
    new URLSearchParams(search).get('view') === 'queue' ? 'queue' : 'compose',
  );

  const loadStatus = () => {
    setStatusError(null);
    void ask('getAccountStatus').then((r) => (r.ok ? setStatus(r.value) : setStatusError(r.error)));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per popup address
  useEffect(() => {
    loadStatus();
    void pendingComposeItem
      .getValue()
      .then(async (pending) => {
        if (!pending) return;
        await pendingComposeItem.removeValue();
        if (Date.now() - (pending.at ?? 0) < PENDING_FRESH_MS) setRequest((current) => current ?? pending);
      })
      .catch(() => {}); // Nothing handed over: the popup opens on the page picker.
    const tabParam = tabFromSearch(search);
    const query = tabParam
      ? browser.tabs.get(tabParam).then((t) => [t])
      : browser.tabs.query({ active: true, currentWindow: true });
    void query
      .catch(() => [])
      .then((tabs) => {
        const t = tabs[0];
        if (t?.id == null) return;
        setTab({ id: t.id, url: t.url ?? '' });
        // On a Close lead page, the popup opens on that lead.
        const lead = t.url && /^https:\/\/app\.close\.com\//.test(t.url) ? findLeadIds(t.url)[0]?.id : undefined;
        if (lead) setRequest((current) => current ?? { lead });
      });
  }, [search]);

  const hasTarget = !!(request?.to || request?.lead);
  return (
    <main class="popup">
      <h1>Text with Close</h1>
      {status === null && !statusError && <p class="muted">Loading…</p>}
      {statusError && <ErrorNotice error={statusError} onRetry={loadStatus} />}
      {status && !status.hasKey && <NoKeyNotice />}
      {status?.hasKey && (
        <nav class="tabs" aria-label="Views">
          <button type="button" aria-pressed={view === 'compose'} onClick={() => setView('compose')}>
            Compose
          </button>
          <button type="button" aria-pressed={view === 'queue'} onClick={() => setView('queue')}>
            Drafts &amp; scheduled
          </button>
        </nav>
      )}
      {status?.hasKey && view === 'queue' && <QueueView />}
      {request?.notice && view === 'compose' && (
        <p role="alert" class="notice">
          {request.notice}
        </p>
      )}
      {status?.hasKey && view === 'compose' && hasTarget && (
        <ComposeView
          key={`${request?.to}|${request?.lead}`}
          target={request}
          onPick={setRequest}
          onBack={() => setRequest(null)}
        />
      )}
      {status?.hasKey && view === 'compose' && !hasTarget && <PagePicker tab={tab} onPick={setRequest} />}
    </main>
  );
}

export function NoKeyNotice() {
  return (
    <p role="status">
      Add your Close API key to start texting.{' '}
      <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
        Open options
      </a>
    </p>
  );
}
