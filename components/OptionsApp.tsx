import { useEffect, useState } from 'preact/hooks';
import { type AccountStatus, sendMessage } from '@/lib/protocol';
import type { Settings } from '@/lib/settings/settings';
import { AccountSection } from './AccountSection';
import { CountrySelect } from './CountrySelect';
import { DetectionSection } from './DetectionSection';

/** Settings save as they change; only the API key has a Save button (it is checked with Close first). */
export function OptionsApp() {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void sendMessage('getAccountStatus', undefined).then(setStatus);
    void sendMessage('getSettings', undefined).then(setSettings);
  }, []);
  const update = async (patch: Partial<Settings>) => setSettings(await sendMessage('updateSettings', patch));

  return (
    <main class="options">
      <h1>Text with Close — Options</h1>
      <AccountSection
        status={status}
        onChange={(s) => {
          setStatus(s);
          void sendMessage('getSettings', undefined).then(setSettings);
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
        </>
      )}
    </main>
  );
}
