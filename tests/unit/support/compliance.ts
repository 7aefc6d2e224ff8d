import type { ComplianceFacts } from '@/lib/compliance/compliance-check';
import { DEFAULT_QUIET_HOURS } from '@/lib/compliance/quiet-hours';
import type { RecipientZone } from '@/lib/compliance/recipient-zone';

export const zoneOne = (zone: string, source: 'contact' | 'phone' = 'phone'): RecipientZone => ({
  kind: 'one',
  zone,
  source,
  country: 'US',
  invalid: [],
});

/** What the background would know about Ana in Los Angeles with nothing in the way: the tables change one fact. */
export function complianceFacts(over: Partial<ComplianceFacts> = {}): ComplianceFacts {
  return {
    recipientName: 'Ana',
    zone: zoneOne('America/Los_Angeles'),
    rules: DEFAULT_QUIET_HOURS,
    optedOut: false,
    blockedList: { state: 'checked', blocked: false, reason: null },
    lastInbound: null,
    recent: [],
    firstText: false,
    doubleTextHours: 24,
    ...over,
  };
}
