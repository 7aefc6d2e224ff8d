import { useState } from 'preact/hooks';
import { type AccountStatus, ask, type ErrorInfo } from '@/lib/protocol';
import { ErrorNotice } from '../shared/ErrorNotice';

export interface AccountSectionProps {
  status: AccountStatus | null;
  onChange(status: AccountStatus): void;
}

export function AccountSection({ status, onChange }: AccountSectionProps) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await ask('saveApiKey', key);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setKey('');
    onChange(r.value);
  };
  const signOut = async () => {
    const r = await ask('signOut');
    if (r.ok) onChange({ hasKey: false, user: null });
    else setError(r.error);
  };

  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Close account</h2>
      {status === null && <p class="muted">Loading…</p>}
      {status?.hasKey && (
        <div class="account">
          {status.user ? (
            <p>
              Connected as <strong>{status.user.name}</strong> ({status.user.email})
              {status.user.organization && <> · {status.user.organization}</>}
            </p>
          ) : (
            <p>An API key is saved, but Close could not be reached to confirm it.</p>
          )}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
      <form onSubmit={save}>
        <label for="api-key">{status?.hasKey ? 'Replace API key' : 'API key'}</label>
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-describedby="api-key-help"
        />
        <p id="api-key-help" class="muted">
          Create one in Close under Settings → Developer → API Keys. It is checked with Close, then kept encrypted in
          this browser and used only by the extension's background.
        </p>
        <button type="submit" class="primary" disabled={busy || !key.trim()}>
          {busy ? 'Checking…' : 'Save'}
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
