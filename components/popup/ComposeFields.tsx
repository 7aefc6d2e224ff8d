import type { SenderOption } from '@/lib/compose/compose-context';
import type { TemplateOption } from '@/lib/protocol';
import { MessageCounter } from './MessageCounter';

export interface MessageInputProps {
  text: string;
  disabled: boolean;
  onInput(value: string): void;
  /** Ctrl/⌘+Enter. */
  onSend(): void;
}

/** The message box and its segment counter. */
export function MessageInput({ text, disabled, onInput, onSend }: MessageInputProps) {
  return (
    <>
      <label for="message">Message</label>
      <textarea
        id="message"
        rows={5}
        value={text}
        disabled={disabled}
        aria-describedby="counter"
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSend();
          }
        }}
      />
      <MessageCounter id="counter" text={text} />
    </>
  );
}

export interface SenderSelectProps {
  senders: SenderOption[];
  value: string;
  onChange(number: string): void;
}

/** The rep's Close numbers that may text this recipient. */
export function SenderSelect({ senders, value, onChange }: SenderSelectProps) {
  if (!senders.length) return null;
  return (
    <>
      <label for="from">From</label>
      <select id="from" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {senders.map((s) => (
          <option key={s.number} value={s.number}>
            {s.label === s.formatted ? s.formatted : `${s.label} (${s.formatted})`}
          </option>
        ))}
      </select>
    </>
  );
}

export interface TemplateSelectProps {
  templates: TemplateOption[];
  value: string | null;
  onChange(id: string | null): void;
}

/** Close's active SMS templates; "No template" writes a text by hand. */
export function TemplateSelect({ templates, value, onChange }: TemplateSelectProps) {
  if (!templates.length) return null;
  return (
    <>
      <label for="template">Template</label>
      <select id="template" value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)}>
        <option value="">No template</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** Other numbers in the rep's selection, to switch to. */
export function OtherNumbers({ numbers, onPick }: { numbers: string[]; onPick(to: string): void }) {
  if (!numbers.length) return null;
  return (
    <p class="others">
      Also in your selection:{' '}
      {numbers.map((n) => (
        <button key={n} type="button" onClick={() => onPick(n)}>
          {n}
        </button>
      ))}
    </p>
  );
}

/** A template's text as the rep will send it, before Close fills in the names. */
export function TemplatePreview({ text }: { text: string }) {
  return (
    <div>
      <p class="label">Message (template preview — Close fills in the names)</p>
      <output class="preview" aria-label="Template preview">
        {text}
      </output>
    </div>
  );
}
