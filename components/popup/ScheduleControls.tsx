import { useState } from 'preact/hooks';
import { parseScheduleInput, schedulePresets, toLocalInputValue } from '@/lib/sms/schedule';

export interface ScheduleControlsProps {
  disabled: boolean;
  /** ISO datetime (UTC) to schedule at; `cancelIfReply`: a reply before then puts it back to draft. */
  onSchedule(iso: string, cancelIfReply: boolean): void;
}

/** Date and time in the rep's own time zone, with presets; the past is refused before Close sees it. */
export function ScheduleControls({ disabled, onSchedule }: ScheduleControlsProps) {
  const now = new Date();
  const [value, setValue] = useState(() => toLocalInputValue(schedulePresets(now)[1]?.at ?? now));
  const [error, setError] = useState<string | null>(null);
  const [cancelIfReply, setCancelIfReply] = useState(false);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const confirm = () => {
    const parsed = parseScheduleInput(value, new Date());
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    onSchedule(parsed.at.toISOString(), cancelIfReply);
  };
  return (
    <fieldset class="schedule">
      <legend>Schedule ({zone})</legend>
      <div class="presets">
        {schedulePresets(now).map((p) => (
          <button key={p.label} type="button" onClick={() => setValue(toLocalInputValue(p.at))}>
            {p.label}
          </button>
        ))}
      </div>
      <label for="schedule-at">Send at</label>
      <input
        id="schedule-at"
        type="datetime-local"
        value={value}
        min={toLocalInputValue(now)}
        onInput={(e) => setValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby="schedule-error"
      />
      <p id="schedule-error" class="error" role={error ? 'alert' : undefined}>
        {error}
      </p>
      <label class="check">
        <input type="checkbox" checked={cancelIfReply} onChange={(e) => setCancelIfReply(e.currentTarget.checked)} />{' '}
        Cancel if they reply (it goes back to draft)
      </label>
      <button type="button" class="primary" disabled={disabled} onClick={confirm}>
        Schedule text
      </button>
    </fieldset>
  );
}
