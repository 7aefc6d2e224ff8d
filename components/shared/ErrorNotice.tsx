import type { ErrorInfo } from '@/lib/protocol';

export interface ErrorNoticeProps {
  error: ErrorInfo;
  onRetry?: () => void;
  /** The lead the failed text was for: a send whose outcome is unknown links to it in Close. */
  leadId?: string | null;
  /** For an unknown outcome: the rep looked in Close, and sending may be tried again. */
  onChecked?: () => void;
  /** For a compliance finding the rep may acknowledge (`error.confirm`): go ahead, logged. */
  onConfirm?: (ack: NonNullable<ErrorInfo['confirm']>['ack']) => void;
  /** Outside quiet hours: schedule at `error.nextAllowed` instead. */
  onScheduleAt?: (iso: string) => void;
  /** Label for that instant ("Schedule for 08:00 their time (17:00 yours)"). */
  scheduleLabel?: string | null;
}

/** One way to show a failure everywhere: Close's reason in plain words, and what the rep can do next. */
export function ErrorNotice({
  error,
  onRetry,
  leadId,
  onChecked,
  onConfirm,
  onScheduleAt,
  scheduleLabel,
}: ErrorNoticeProps) {
  const { confirm, nextAllowed } = error;
  return (
    <div role="alert" class="notice error">
      <p>{error.message}</p>
      {error.outcomeUnknown && (
        <p>
          It may have gone out. Check the lead in Close before sending again, so the contact doesn't get it twice.
          {leadId && (
            <>
              {' '}
              <a href={`https://app.close.com/lead/${encodeURIComponent(leadId)}/`} target="_blank" rel="noreferrer">
                Open the lead in Close
              </a>
            </>
          )}
        </p>
      )}
      {error.kind === 'unauthorized' && (
        <p>
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            Open options to update your API key
          </a>
        </p>
      )}
      {onScheduleAt && nextAllowed && (
        <button type="button" class="primary" onClick={() => onScheduleAt(nextAllowed)}>
          {scheduleLabel ?? 'Schedule for the first allowed time'}
        </button>
      )}
      {onConfirm && confirm && (
        <button type="button" onClick={() => onConfirm(confirm.ack)}>
          {confirm.label}
        </button>
      )}
      {onChecked && (
        <button type="button" onClick={onChecked}>
          I checked Close — let me send again
        </button>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
