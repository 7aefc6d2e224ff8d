import { CLOSE_MAX_SMS_CHARS, measureSms } from '@/lib/sms/segments';

export interface MessageCounterProps {
  text: string;
  id: string;
}

/** Characters, encoding and segments, read out politely to screen readers as the rep types. */
export function MessageCounter({ text, id }: MessageCounterProps) {
  const m = measureSms(text);
  return (
    <p id={id} class={m.overLimit ? 'counter error' : 'counter muted'} aria-live="polite">
      {m.characters}/{CLOSE_MAX_SMS_CHARS} characters · {m.encoding} · {m.segments}{' '}
      {m.segments === 1 ? 'segment' : 'segments'}
      {m.overLimit ? ' — over Close’s limit' : ''}
    </p>
  );
}
