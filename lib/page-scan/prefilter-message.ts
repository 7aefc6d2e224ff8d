import type { ProtocolMap } from '../protocol';

/**
 * The always-on prefilter's messages, sent with the runtime API itself: lib/protocol.ts's sender
 * (@webext-core/messaging over the browser polyfill) costs more to load than the prefilter's whole check
 * on a page without numbers. Each message has that library's wire format ({ id, type, data, timestamp }),
 * so the background's handlers and message gate (message-gate.ts) treat it like any other.
 */
type Runtime = { id?: string; sendMessage(message: unknown): Promise<unknown> };

function runtime(): Runtime | undefined {
  const g = globalThis as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  // Firefox has `browser` (promises); Chromium's `chrome.runtime.sendMessage` returns a promise in MV3.
  return g.browser?.runtime ?? g.chrome?.runtime;
}

/** Rejects once the extension is gone (reloaded or removed), so the caller can stop. */
function ask(type: keyof ProtocolMap & ('loadDetector' | 'checkFrames')): Promise<unknown> {
  const message = { id: Math.floor(Math.random() * 1e9), type, data: null, timestamp: Date.now() };
  const api = runtime();
  if (!api?.id) return Promise.reject(new Error('extension gone'));
  return api.sendMessage(message);
}

/** loadDetector: the background injects the full detector into this frame. */
export const askForDetector = (): Promise<unknown> => ask('loadDetector');

/** checkFrames: the background probes this tab's frames (frame-probe.ts). */
export const askToCheckFrames = (): Promise<unknown> => ask('checkFrames');
