import { useEffect, useState } from 'preact/hooks';
import { footerTemplateProblems } from '@/lib/compliance/first-text-footer';
import type { IsoWeekday } from '@/lib/compliance/quiet-hours';
import { ask } from '@/lib/protocol';
import type { Settings } from '@/lib/settings/settings';
import type { ComplianceOverride } from '@/lib/storage';

export interface ComplianceSectionProps {
  settings: Settings;
  onUpdate(patch: Partial<Settings>): Promise<void>;
}

const DAYS: [IsoWeekday, string][] = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [7, 'Sun'],
];

/** Quiet hours (recipient's time), the first-text footer, and the log of sends that overrode a finding. */
export function ComplianceSection({ settings, onUpdate }: ComplianceSectionProps) {
  const q = settings.quietHours;
  const [footer, setFooter] = useState(settings.firstTextFooter.template);
  const [log, setLog] = useState<ComplianceOverride[] | null>(null);
  useEffect(() => void ask('getComplianceLog').then((r) => r.ok && setLog(r.value)), []);
  const problems = footerTemplateProblems(footer);
  const quiet = (patch: Partial<Settings['quietHours']>) => void onUpdate({ quietHours: { ...q, ...patch } });

  return (
    <section aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">Texting hours and first texts</h2>
      <label class="checkbox">
        <input type="checkbox" checked={q.enabled} onChange={(e) => quiet({ enabled: e.currentTarget.checked })} />
        Quiet hours, in the recipient’s local time (US TCPA: 8:00–21:00; some states 20:00)
      </label>
      <div class="row">
        <label for="quiet-start">Texts from</label>
        <input
          id="quiet-start"
          type="time"
          value={q.start}
          disabled={!q.enabled}
          onChange={(e) => quiet({ start: e.currentTarget.value })}
        />
        <label for="quiet-end">until</label>
        <input
          id="quiet-end"
          type="time"
          value={q.end}
          disabled={!q.enabled}
          onChange={(e) => quiet({ end: e.currentTarget.value })}
        />
      </div>
      <fieldset class="days" disabled={!q.enabled}>
        <legend>Days off (no texts at all, their time)</legend>
        {DAYS.map(([day, name]) => (
          <label key={day} class="checkbox inline">
            <input
              type="checkbox"
              checked={q.daysOff.includes(day)}
              onChange={(e) =>
                quiet({ daysOff: e.currentTarget.checked ? [...q.daysOff, day] : q.daysOff.filter((d) => d !== day) })
              }
            />
            {name}
          </label>
        ))}
      </fieldset>

      <label for="double-text-hours">
        Ask once more before texting a number anyone in your organization texted in the last (hours; 0 = never)
      </label>
      <input
        id="double-text-hours"
        type="number"
        min={0}
        max={168}
        value={settings.doubleTextHours}
        onChange={(e) => void onUpdate({ doubleTextHours: Number(e.currentTarget.value) })}
      />

      <label class="checkbox">
        <input
          type="checkbox"
          checked={settings.firstTextFooter.enabled}
          onChange={(e) =>
            void onUpdate({ firstTextFooter: { ...settings.firstTextFooter, enabled: e.currentTarget.checked } })
          }
        />
        Offer a footer on the first text to a number
      </label>
      <label for="footer-template">
        Footer ({'{{rep}}'} and {'{{org}}'} are filled in)
      </label>
      <input
        id="footer-template"
        type="text"
        value={footer}
        aria-invalid={problems.length ? 'true' : 'false'}
        aria-describedby="footer-problems"
        onInput={(e) => setFooter(e.currentTarget.value)}
        onBlur={() => {
          if (!problems.length) void onUpdate({ firstTextFooter: { ...settings.firstTextFooter, template: footer } });
        }}
      />
      <p id="footer-problems" class="error" role={problems.length ? 'alert' : undefined}>
        {problems.join(' ')}
      </p>

      <h3>Sends that went ahead after a warning</h3>
      {log && log.length === 0 && <p class="muted">None.</p>}
      {log && log.length > 0 && (
        <ul class="override-log">
          {log.slice(0, 20).map((entry) => (
            <li key={entry.smsId}>
              {new Date(entry.at).toLocaleString()} · {entry.to} · {entry.findings.join(' / ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
