import { useEffect, useState } from 'preact/hooks';
import { type AccountStatus, sendMessage } from '@/lib/protocol';

export function OptionsApp() {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  useEffect(() => {
    void sendMessage('getAccountStatus', undefined).then(setStatus);
  }, []);
  return (
    <main style={{ maxWidth: '640px', margin: '24px auto', padding: '0 16px' }}>
      <h1>Text with Close — Options</h1>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Close account</h2>
        {status === null ? <p class="muted">Loading…</p> : <p>{status.hasKey ? 'Connected.' : 'No API key yet.'}</p>}
      </section>
    </main>
  );
}
