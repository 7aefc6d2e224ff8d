import { closeDate } from './dates';
import { deliveryOutcome } from './sender-checks';
import { touch } from './sms-records';
import type { StandInState } from './state';
import type { SmsRecord } from './types';

/**
 * Where an SMS is on its way out:
 * - `scheduled`: waiting for `date_scheduled`; cancellable.
 * - `undo`: in `outbox` during the `send_in` window; cancellable.
 * - `sending`: handed to the carrier; too late to cancel, or to stop by deleting. Ends in `sent` or `error` after
 *   `sendDelayMs`.
 * - `delivered`: `sent`, but the carrier will report a late failure (`state.lateFailures`).
 */
export type DeliveryPhase = 'scheduled' | 'undo' | 'sending' | 'delivered';

export interface DeliveryOptions {
  now: () => Date;
  sendDelayMs: number;
  /** Milliseconds per `send_in` second; tests shrink it to keep undo windows short. */
  sendInUnitMs: number;
}

interface Pending {
  phase: DeliveryPhase;
  timer: NodeJS.Timeout;
}

/**
 * setTimeout's ceiling (~24.8 days). A text scheduled further out gets a timer capped here that re-arms when it
 * fires, so it is pending (and cancellable) at any distance, as in Close.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What reached the carrier: the customer's phone, as far as the stand-in can tell. Deleting the SMS does not undo it. */
export interface CarrierHandOff {
  id: string;
  remote_phone: string | null;
  local_phone: string | null;
  text: string;
  at: Date;
}

export class SmsDelivery {
  private readonly pending = new Map<string, Pending>();
  /** Every text handed to the carrier, in order (tests count what a customer received from this). */
  readonly handedToCarrier: CarrierHandOff[] = [];
  /** Records of texts being handed over, kept even when the SMS is deleted meanwhile. */
  private readonly inFlight = new Map<string, SmsRecord>();
  private readonly state: StandInState;
  private readonly options: DeliveryOptions;

  constructor(state: StandInState, options: DeliveryOptions) {
    this.state = state;
    this.options = options;
  }

  phase(id: string): DeliveryPhase | null {
    return this.pending.get(id)?.phase ?? null;
  }

  canCancel(id: string): boolean {
    const phase = this.phase(id);
    return phase === 'scheduled' || phase === 'undo';
  }

  /** The SMS just entered `outbox`: wait out the undo window (if any), then send. */
  send(id: string, sendInSeconds: number | null): void {
    const undoMs = (sendInSeconds ?? 0) * this.options.sendInUnitMs;
    if (undoMs > 0) this.arm(id, 'undo', undoMs, () => this.startSending(id));
    else this.startSending(id);
  }

  /** The SMS just became `scheduled`: move it to `outbox` at `date_scheduled`. */
  schedule(id: string): void {
    const record = this.state.sms.get(id);
    if (!record?.date_scheduled) return;
    const delay = new Date(record.date_scheduled).getTime() - this.options.now().getTime();
    if (delay > MAX_TIMER_MS) this.arm(id, 'scheduled', MAX_TIMER_MS, () => this.schedule(id));
    else this.arm(id, 'scheduled', Math.max(0, delay), () => this.fireScheduled(id));
  }

  /**
   * The SMS was deleted. While it waits (scheduled, undo window) that stops it; once it is being handed to the
   * carrier it goes out anyway, as at Close: the record is gone, the customer still gets the text.
   */
  deleted(id: string): void {
    if (this.phase(id) !== 'sending') this.cancel(id);
  }

  cancel(id: string): void {
    const pending = this.pending.get(id);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(id);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
    this.inFlight.clear();
  }

  /** Forgets the carrier log (stand-in reset). */
  clearLog(): void {
    this.handedToCarrier.length = 0;
  }

  /** Arms timers for whatever the state holds in `scheduled` or `outbox` (after seeding or a reset). */
  resumeAll(): void {
    for (const record of this.state.smsList()) {
      if (record.status === 'scheduled') this.schedule(record.id);
      if (record.status === 'outbox') this.startSending(record.id);
    }
  }

  private fireScheduled(id: string): void {
    const record = this.state.sms.get(id);
    if (record?.status !== 'scheduled') return;
    record.status = 'outbox';
    touch(this.state, record, this.options.now());
    this.startSending(id);
  }

  private startSending(id: string): void {
    const record = this.state.sms.get(id);
    if (record) this.inFlight.set(id, record);
    this.arm(id, 'sending', this.options.sendDelayMs, () => this.finish(id));
  }

  /** Decides the carrier's answer now, so a test that changed the state meanwhile (e.g. blocked a phone) is honoured. */
  private finish(id: string): void {
    const record = this.state.sms.get(id) ?? this.inFlight.get(id);
    this.inFlight.delete(id);
    if (record?.status !== 'outbox') return;
    const outcome = deliveryOutcome(this.state, record);
    const now = this.options.now();
    if (outcome.ok) {
      this.handedToCarrier.push({
        id,
        remote_phone: record.remote_phone,
        local_phone: record.local_phone,
        text: record.text,
        at: now,
      });
      record.status = 'sent';
      record.date_sent = closeDate(now);
      record.activity_at = record.date_sent;
      record.cost = '1';
      const late = record.remote_phone ? this.state.lateFailures.get(record.remote_phone) : undefined;
      if (late !== undefined) this.arm(id, 'delivered', this.options.sendDelayMs, () => this.failLate(id, late));
    } else {
      record.status = 'error';
      record.error_message = outcome.message;
    }
    touch(this.state, record, now);
  }

  /** Carriers report some failures after the text was accepted: `sent` turns into `error`. */
  private failLate(id: string, message: string): void {
    const record = this.state.sms.get(id);
    if (record?.status !== 'sent') return;
    record.status = 'error';
    record.error_message = message;
    touch(this.state, record, this.options.now());
  }

  private arm(id: string, phase: DeliveryPhase, delayMs: number, action: () => void): void {
    this.cancel(id);
    const timer = setTimeout(() => {
      this.pending.delete(id);
      action();
    }, delayMs);
    // The stand-in must never keep a test process alive on its own.
    timer.unref();
    this.pending.set(id, { phase, timer });
  }
}
