import { useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '@/lib/protocol';
import { composeDrafts } from '@/lib/storage';

/**
 * The message being written, saved on every keystroke to trusted storage (the extension origin's IndexedDB,
 * which no content script can read) through the background, and restored when the composer reopens for the
 * same target: closing the popup mid-word, a crash, a stopped worker or a browser restart loses nothing.
 */
export function useComposeDraft(key: string) {
  const [text, setTextState] = useState('');
  const [templateId, setTemplateState] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  const latest = useRef({ text: '', templateId: null as string | null });

  useEffect(() => {
    let live = true;
    void composeDrafts.get(key).then(
      (saved) => {
        if (live && saved) {
          setTextState(saved.text);
          setTemplateState(saved.templateId);
          latest.current = { text: saved.text, templateId: saved.templateId };
        }
        if (live) setRestored(true);
      },
      () => live && setRestored(true),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const save = async (next: { text: string; templateId: string | null }) => {
    latest.current = next;
    await ask('saveComposeDraft', { key, ...next });
  };

  return {
    text,
    templateId,
    restored,
    setText(value: string) {
      setTextState(value);
      void save({ text: value, templateId: latest.current.templateId });
    },
    setTemplateId(value: string | null) {
      setTemplateState(value);
      void save({ text: latest.current.text, templateId: value });
    },
    /** After Close accepted the text: nothing left to restore. */
    clear() {
      setTextState('');
      setTemplateState(null);
      void save({ text: '', templateId: null });
    },
  };
}

export function draftKey(target: { to?: string; lead?: string }): string {
  return target.to ? `to:${target.to}` : `lead:${target.lead ?? ''}`;
}
