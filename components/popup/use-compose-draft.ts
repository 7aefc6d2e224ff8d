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
  /** The rep typed before the saved draft was read: what they typed wins over what was saved. */
  const edited = useRef(false);

  useEffect(() => {
    let live = true;
    edited.current = false;
    void composeDrafts.get(key).then(
      (saved) => {
        // A slow read can come back with what this very popup just saved (its first keystrokes): applying
        // it then would undo the letters typed since.
        if (live && saved && !edited.current) {
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
      edited.current = true;
      setTextState(value);
      void save({ text: value, templateId: latest.current.templateId });
    },
    setTemplateId(value: string | null) {
      edited.current = true;
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
