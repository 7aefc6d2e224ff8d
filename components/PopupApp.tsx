import { useEffect, useState } from 'preact/hooks';
import { findLeadIds } from '@/lib/detect';
import { type AccountStatus, type ComposeTarget, sendMessage } from '@/lib/protocol';
import { ComposeView } from './ComposeView';
import { PagePicker } from './PagePicker';

export interface PopupAppProps {
  /** `location.search`: `?to=…`, `?lead=…` open compose directly; `?tab=…` names the page the popup is for. */
  search: string;
}

function targetFromSearch(search: string): ComposeTarget | null {
  const p = new URLSearchParams(search);
  const to = p.get('to')?.trim();
  const lead = p.get('lead')?.trim();
  if (!to && !lead) return null;
  return { ...(to ? { to } : {}), ...(lead ? { lead } : {}) };
}

export function PopupApp({ search }: PopupAppProps) {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [target, setTarget] = useState<ComposeTarget | null>(() => targetFromSearch(search));
  const [tab, setTab] = useState<{ id: number; url: string } | null>(null);

  useEffect(() => {
    void sendMessage('getAccountStatus', undefined).then(setStatus);
    const tabParam = Number(new URLSearchParams(search).get('tab'));
    const query = tabParam
      ? browser.tabs.get(tabParam).then((t) => [t])
      : browser.tabs.query({ active: true, currentWindow: true });
    void query.then((tabs) => {
      const t = tabs[0];
      if (t?.id == null) return;
      setTab({ id: t.id, url: t.url ?? '' });
      // On a Close lead page, the popup opens on that lead.
      const lead = t.url && /^https:\/\/app\.close\.com\//.test(t.url) ? findLeadIds(t.url)[0]?.id : undefined;
      if (lead) setTarget((current) => current ?? { lead });
    });
  }, []);

  return (
    <main class="popup">
      <h1>Text with Close</h1>
      {status === null && <p class="muted">Loading…</p>}
      {status && !status.hasKey && <NoKeyNotice />}
      {status?.hasKey && target && <ComposeView target={target} onBack={() => setTarget(null)} />}
      {status?.hasKey && !target && <PagePicker tab={tab} onPick={setTarget} />}
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
