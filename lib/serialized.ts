/**
 * Runs read-modify-write steps on one stored item one after another. Messages from several frames (or an
 * alarm and a click) arrive concurrently; without this, two handlers read the same old value and the
 * second write silently drops the first one's change.
 */
export function serialized(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (step) => {
    const run = tail.then(step);
    tail = run.catch(() => {});
    return run;
  };
}
