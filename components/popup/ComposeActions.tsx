const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export interface ComposeActionsProps {
  canSubmit: boolean;
  scheduling: boolean;
  onSend(): void;
  onToggleSchedule(): void;
  onDraft(): void;
}

/** Send, Schedule… and Save draft: enabled together, by the rules in lib/compose/send-readiness.ts. */
export function ComposeActions({ canSubmit, scheduling, onSend, onToggleSchedule, onDraft }: ComposeActionsProps) {
  return (
    <div class="actions">
      <button
        type="button"
        class="primary"
        disabled={!canSubmit}
        onClick={onSend}
        title={`Send (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
      >
        Send
      </button>
      <button type="button" disabled={!canSubmit} aria-expanded={scheduling} onClick={onToggleSchedule}>
        Schedule…
      </button>
      <button type="button" disabled={!canSubmit} onClick={onDraft}>
        Save draft
      </button>
    </div>
  );
}
