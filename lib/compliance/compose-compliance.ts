/**
 * What the composer shows about compliance, from the facts the background fetched (ComposeCompliance): the
 * recipient's local time, what would stop Send right now, "Schedule for 8:00 their time", and schedule presets
 * in the recipient's zone with the rep's time beside them. Pure, so the wording and the instants are tested
 * without a DOM; the rules themselves are compliance-check.ts's, the same ones the background applies.
 */
import type { ComposeCompliance } from '../protocol';
import { type Ack, type Attempt, complianceFindings, type Finding, firstObstacle } from './compliance-check';
import { localTimeLabel, nextAllowedInstant } from './quiet-hours';
import { type RecipientZone, zonesToRespect } from './recipient-zone';
import { temporal } from './temporal';

export interface ComplianceView {
  /** "It’s 23:40 for Ana, in Los Angeles" (the first zone when there are several); null when unknown. */
  localTime: string | null;
  /** Several zones or an unknown one, in words. */
  zoneNote: string | null;
  /** A block: the composer is disabled with this reason. */
  block: string | null;
  /** What stands in the way of Send now, besides blocks (each can be acknowledged). */
  notices: Exclude<Finding, { kind: 'blocked' }>[];
  /** Outside quiet hours: the first allowed instant, with its label ("Schedule for 08:00 their time (05:00 yours)"). */
  nextAllowed: { at: string; label: string } | null;
  /** A reply that reads like an opt-out: what to offer as the block's reason. */
  optOutReason: string | null;
}

/** The zone for the contact the rep picked (they may switch), else the one the background resolved. */
function factsFor(c: ComposeCompliance, contactId: string | null, name: string | null) {
  const zone: RecipientZone = c.zones[contactId ?? ''] ?? c.facts.zone;
  return { ...c.facts, zone, recipientName: name ?? c.facts.recipientName };
}

export function complianceView(
  c: ComposeCompliance,
  contact: { id: string | null; name: string | null },
  now: string,
  repZone: string,
): ComplianceView {
  const facts = factsFor(c, contact.id, contact.name);
  const who = facts.recipientName ?? 'them';
  const zones = zonesToRespect(facts.zone);
  const findings = complianceFindings(facts, { mode: 'send', at: now, now }, { repZone });
  const block = findings.find((f) => f.kind === 'blocked')?.message ?? null;
  const notices = findings.filter((f): f is Exclude<Finding, { kind: 'blocked' }> => f.kind !== 'blocked');
  const [first] = zones;
  let localTime: string | null = null;
  if (first) {
    const label = localTimeLabel(now, first, who);
    localTime = `It’s ${label.time} for ${who}${label.place ? `, in ${label.place}` : ''}`;
  }
  const zoneNote =
    facts.zone.kind === 'several'
      ? `${who}’s number may be in ${zones.length} time zones; quiet hours must hold in all of them.`
      : facts.zone.kind === 'unknown'
        ? `${who}’s time zone is unknown.`
        : null;
  const quiet = notices.find((f) => f.kind === 'quiet-hours');
  const next = quiet?.nextAllowed && first ? quiet.nextAllowed : null;
  const optOut = notices.find((f) => f.kind === 'opt-out-reply');
  return {
    localTime,
    zoneNote,
    block,
    notices,
    nextAllowed: next && first ? { at: next, label: `Schedule for ${bothTimes(next, first, repZone)}` } : null,
    optOutReason:
      optOut && facts.lastInbound
        ? `Replied “${facts.lastInbound.text.slice(0, 80)}” on ${facts.lastInbound.at.slice(0, 10)}`
        : null,
  };
}

/** The first finding that stops this attempt, given what the rep acknowledged; null when it may go. */
export function attemptObstacle(
  c: ComposeCompliance,
  contact: { id: string | null; name: string | null },
  attempt: Attempt,
  acknowledged: readonly Ack[],
  repZone: string,
): Finding | null {
  return firstObstacle(complianceFindings(factsFor(c, contact.id, contact.name), attempt, { repZone }), acknowledged);
}

/** "08:00 their time (05:00 yours)", with the weekday when it is not today in their zone. */
export function bothTimes(at: string, zone: string, repZone: string): string {
  const T = temporal();
  const instant = T.Instant.from(at);
  const theirs = instant.toZonedDateTimeISO(zone);
  const yours = instant.toZonedDateTimeISO(repZone);
  const hm = (z: Temporal.ZonedDateTime) => z.toPlainTime().toString({ smallestUnit: 'minute' });
  const day = (z: Temporal.ZonedDateTime) => z.toLocaleString('en-US', { weekday: 'short' });
  if (zone === repZone || theirs.offset === yours.offset) return `${day(theirs)} ${hm(theirs)} (same as yours)`;
  return `${day(theirs)} ${hm(theirs)} their time (${day(yours)} ${hm(yours)} yours)`;
}

export interface RecipientPreset {
  label: string;
  /** ISO instant. */
  at: string;
}

/**
 * Presets in the recipient's zone: the next allowed instant (when now is outside quiet hours), tomorrow 9:00
 * and next Monday 9:00 their time — each moved to the window when 9:00 falls outside it (a custom window).
 */
export function recipientPresets(
  now: string,
  zone: string,
  rules: Parameters<typeof nextAllowedInstant>[2],
  repZone: string,
): RecipientPreset[] {
  const T = temporal();
  const today = T.Instant.from(now).toZonedDateTimeISO(zone).toPlainDate();
  const at9 = (date: Temporal.PlainDate) =>
    date
      .toZonedDateTime({ timeZone: zone, plainTime: T.PlainTime.from('09:00') })
      .toInstant()
      .toString();
  const withinWindow = (at: string) => nextAllowedInstant(at, [zone], rules);
  const tomorrow = today.add({ days: 1 });
  const monday = today.add({ days: ((8 - today.dayOfWeek) % 7 || 7) as number });
  const presets: RecipientPreset[] = [];
  const next = withinWindow(now);
  if (next && next !== T.Instant.from(now).toString()) presets.push({ label: 'Next allowed', at: next });
  for (const [name, date] of [
    ['Tomorrow', tomorrow],
    ['Monday', monday],
  ] as const) {
    const at = withinWindow(at9(date));
    if (at && !presets.some((p) => p.at === at)) presets.push({ label: name, at });
  }
  return presets.map((p) => ({ ...p, label: `${p.label} ${bothTimes(p.at, zone, repZone)}` }));
}

export interface RecipientClock {
  name: string;
  /** The zone presets and "that's 14:00 for Ana" use: the only one, or the first of several. */
  zone: string;
  rules: Parameters<typeof nextAllowedInstant>[2];
  repZone: string;
}

/** The recipient's clock for the schedule controls; null when their zone is unknown (the rep's zone only). */
export function recipientClock(
  c: ComposeCompliance | null,
  contactId: string | null,
  repZone: string,
): RecipientClock | null {
  if (!c) return null;
  const zone = zonesToRespect(c.zones[contactId ?? ''] ?? c.facts.zone)[0];
  return zone ? { name: c.facts.recipientName ?? 'them', zone, rules: c.facts.rules, repZone } : null;
}

/** "That’s 14:00 for Ana (Wed)": the chosen instant on the recipient's clock. */
export function theirTime(at: string, clock: Pick<RecipientClock, 'name' | 'zone'>): string {
  const local = localTimeLabel(at, clock.zone, clock.name);
  const day = temporal().PlainDate.from(local.date).toLocaleString('en-US', { weekday: 'short' });
  return `That’s ${day} ${local.time} for ${clock.name}${local.place ? ` (${local.place})` : ''}`;
}
