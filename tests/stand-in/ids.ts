import { createHash } from 'node:crypto';

/** Close ids are a prefix plus 43 base62 characters (e.g. `lead_ZWSwsOAXDLKmgbWdZGGqAzEi2KXb0ESHAbPWDqBSJrq`). */
export const ID_BODY_LENGTH = 43;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix =
  | 'user'
  | 'orga'
  | 'phon'
  | 'lead'
  | 'cont'
  | 'smstmpl'
  | 'acti'
  | 'stat'
  | 'memb'
  | 'media'
  // Close's published examples show no id for a blocked number; the prefix is ours.
  | 'blkph';

/**
 * A deterministic id: the same (prefix, name) always gives the same id, so SEED is stable across runs and the demo
 * can print ids that stay valid after a restart.
 */
export function closeId(prefix: IdPrefix, name: string): string {
  const digest = createHash('sha256').update(`${prefix}:${name}`).digest();
  let value = BigInt(`0x${digest.toString('hex')}`);
  let body = '';
  while (body.length < ID_BODY_LENGTH) {
    body += BASE62[Number(value % 62n)];
    value /= 62n;
  }
  return `${prefix}_${body}`;
}

/** True when `value` looks like an id of the given kind; used to reject e.g. a `cont_…` where a `lead_…` belongs. */
export function isIdOfKind(value: string, prefix: IdPrefix): boolean {
  return new RegExp(`^${prefix}_[0-9A-Za-z]+$`).test(value);
}

/** Ids for objects created at run time; a counter (reset with the state) keeps them deterministic too. */
export class IdFactory {
  private counter = 0;

  next(prefix: IdPrefix): string {
    this.counter += 1;
    return closeId(prefix, `runtime-${this.counter}`);
  }

  reset(): void {
    this.counter = 0;
  }
}
