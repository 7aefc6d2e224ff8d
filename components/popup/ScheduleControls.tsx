import { useState } from 'preact/hooks';
import { type RecipientClock, recipientPresets, theirTime } from '@/lib/compliance/compose-compliance';
import { parseScheduleInput, schedulePresets, toLocalInputValue } from '@/lib/sms/schedule';

export interface ScheduleControlsProps {
  disabled: boolean;
  /** The recipient's clock, for presets in their time and "that's 14:00 for Ana"; null when unknown. */
  recipient: RecipientClock | null;
  /** ISO datetime (UTC) to schedule at; `cancelIfReply`: a reply before then puts it back to draft. */
  onSchedule(iso: string, cancelIfReply: boolean): void;
}

/**
 * Date and time in the rep's own time zone (the input), with presets in the recipient's time when it is known
 * (each showing the rep's time too) and in the rep's; the past is refused before Close sees it.
 */
export function ScheduleControls({ disabled, recipient, onSchedule }: ScheduleControlsProps) {
  const now = new Date();
  const theirs = recipient
    ? recipientPresets(now.toISOString(), recipient.zone, recipient.rules, recipient.repZone)
    : [];
  const [value, setValue] = useState(() =>
    toLocalInputValue(theirs[0] ? new Date(theirs[0].at) : (schedulePresets(now)[1]?.at ?? now)),
  );
  const [error, setError] = useState<string | null>(null);
  const [cancelIfReply, setCancelIfReply] = useState(false);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parsed = parseScheduleInput(value, new Date());
  const confirm = () => {
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    onSchedule(parsed.at.toISOString(), cancelIfReply);
  };
  return (
    <fieldset class="schedule">
      <legend>Schedule (your time: {zone})</legend>
      {theirs.length > 0 && (
        <div class="presets">
          {theirs.map((p) => (
            <button key={p.label} type="button" onClick={() => setValue(toLocalInputValue(new Date(p.at)))}>
              {p.label}
            </button>
          ))}
        </div>
      )}
      <div class="presets">
        {schedulePresets(now).map((p) => (
          <button key={p.label} type="button" onClick={() => setValue(toLocalInputValue(p.at))}>
            {p.label}
          </button>
        ))}
      </div>
      <label for="schedule-at">Send at (your time)</label>
      <input
        id="schedule-at"
        type="datetime-local"
        value={value}
        min={toLocalInputValue(now)}
        onInput={(e) => setValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby="schedule-error schedule-their-time"
      />
      {recipient && 'at' in parsed && (
        <p id="schedule-their-time" class="muted">
          {theirTime(parsed.at.toISOString(), recipient)}
        </p>
      )}
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
