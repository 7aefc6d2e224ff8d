import { describe, expect, it } from 'vitest';
import { serialized } from './serialized';

describe('serialized', () => {
  it('keeps every concurrent read-modify-write', async () => {
    let stored: number[] = [];
    const read = async () => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      return [...stored];
    };
    const inOrder = serialized();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inOrder(async () => {
          const value = await read();
          stored = [...value, i];
        }),
      ),
    );
    expect(stored).toHaveLength(20);
  });

  it('goes on after a failed step', async () => {
    const inOrder = serialized();
    await expect(inOrder(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(inOrder(async () => 'next')).resolves.toBe('next');
  });
});
