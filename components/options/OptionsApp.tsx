import { useEffect, useState } from 'preact/hooks';
import { type AccountStatus, ask, type ErrorInfo, type Result } from '@/lib/protocol';
import type { Settings } from '@/lib/settings/settings';
import { ErrorNotice } from '../shared/ErrorNotice';
import { AccountSection } from './AccountSection';
import { ComplianceSection } from './ComplianceSection';
import { CountrySelect } from './CountrySelect';
import { DetectionSection } from './DetectionSection';

/** Settings save as they change; only the API key has a Save button (it is checked with Close first). */
export function OptionsApp() {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** Shows the value, or the reason it could not be had (never "Loading…" forever). */
  const take =
    <T,>(set: (v: T) => void) =>
    (r: Result<T>) => {
      if (r.ok) set(r.value);
      else setError(r.error);
    };
  const loadSettings = () => void ask('getSettings').then(take(setSettings));
  const load = () => {
    setError(null);
    void ask('getAccountStatus').then(take(setStatus));
    loadSettings();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once
  useEffect(load, []);
  const update = async (patch: Partial<Settings>) => take(setSettings)(await ask('updateSettings', patch));

  return (
    <main class="options">
      <h1>Text with Close — Options</h1>
      {error && <ErrorNotice error={error} onRetry={load} />}
      <AccountSection
        status={status}
        onChange={(s) => {
          setStatus(s);
          loadSettings();
        }}
      />
      {settings && (
        <>
          <section aria-labelledby="country-heading">
            <h2 id="country-heading">Numbers without a country code</h2>
            <CountrySelect
              value={settings.defaultCountry}
              onChange={(defaultCountry) => void update({ defaultCountry, countryChosenByRep: true })}
            />
          </section>
          <DetectionSection settings={settings} onUpdate={update} />
          <ComplianceSection settings={settings} onUpdate={update} />
        </>
      )}
    </main>
  );
}
