import { findCheaperText } from '@/lib/compliance/cheaper-text';
import { addFooter, removeFooter } from '@/lib/compliance/first-text-footer';

export interface TextHelpersProps {
  text: string;
  /** The first-text footer for this rep, or null when it is not offered. */
  footer: string | null;
  onText(text: string): void;
}

const segments = (n: number) => `${n} ${n === 1 ? 'segment' : 'segments'}`;

/** The first-text footer (a checkbox that adds or removes it) and the one-click fix for UCS-2 look-alikes. */
export function TextHelpers({ text, footer, onText }: TextHelpersProps) {
  const cheaper = findCheaperText(text);
  const saves = cheaper.fixes.length > 0;
  const withFooter = footer ? addFooter(text, footer) : null;
  const hasFooter = !!footer && !withFooter?.added && text.trimEnd().endsWith(footer);
  return (
    <>
      {footer && withFooter && (withFooter.added || hasFooter) && (
        <label class="checkbox">
          <input
            type="checkbox"
            checked={hasFooter}
            onChange={(e) => onText(e.currentTarget.checked ? withFooter.text : removeFooter(text, footer))}
          />
          First text to this number: add “{footer}”
          {withFooter.added && withFooter.after.segments !== withFooter.before.segments
            ? ` (${segments(withFooter.before.segments)} → ${withFooter.after.segments})`
            : ''}
        </label>
      )}
      {saves && (
        <p class="notice" data-testid="cheaper-text">
          {[...new Set(cheaper.fixes.map((f) => f.name))].join(', ')} make this text cost more:{' '}
          {segments(cheaper.before.segments)} → {cheaper.after.segments}.{' '}
          <button type="button" class="link" onClick={() => onText(cheaper.fixed)}>
            Use plain characters
          </button>
        </p>
      )}
    </>
  );
}
