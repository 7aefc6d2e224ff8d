import { useEffect, useState } from 'preact/hooks';
import { type AccountStatus, sendMessage } from '@/lib/protocol';

export interface PopupAppProps {
  search: string;
}

export function PopupApp(_props: PopupAppProps) {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  useEffect(() => {
    void sendMessage('getAccountStatus', undefined).then(setStatus);
  }, []);
  return (
    <main style={{ width: '380px', padding: '12px' }}>
      <h1 style={{ fontSize: '16px', margin: '0 0 8px' }}>Text with Close</h1>
      {status === null && <p class="muted">Loading…</p>}
      {status && !status.hasKey && <NoKeyNotice />}
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
