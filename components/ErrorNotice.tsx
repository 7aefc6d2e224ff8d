import type { ErrorInfo } from '@/lib/protocol';

export interface ErrorNoticeProps {
  error: ErrorInfo;
  onRetry?: () => void;
}

export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  return (
    <div role="alert" class="notice error">
      <p>{error.message}</p>
      {error.outcomeUnknown && (
        <p>Check the lead in Close before sending again, so the contact doesn't get it twice.</p>
      )}
      {error.kind === 'unauthorized' && (
        <p>
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            Open options to update your API key
          </a>
        </p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
