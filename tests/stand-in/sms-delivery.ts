import { closeDate } from './dates';
import { deliveryOutcome } from './sender-checks';
import { touch } from './sms-records';
import type { StandInState } from './state';

/**
 * Where an SMS is on its way out:
 * - `scheduled`: waiting for `date_scheduled`; cancellable.
 * - `undo`: in `outbox` during the `send_in` window; cancellable.
 * - `sending`: handed to the carrier; too late to cancel. Ends in `sent` or `error` after `sendDelayMs`.
 */
export type DeliveryPhase = 'scheduled' | 'undo' | 'sending';

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

/** setTimeout's ceiling; a message scheduled further out simply stays `scheduled` while the stand-in runs. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SmsDelivery {
  private readonly pending = new Map<string, Pending>();
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
    if (delay > MAX_TIMER_MS) return;
    this.arm(id, 'scheduled', Math.max(0, delay), () => this.fireScheduled(id));
  }

  cancel(id: string): void {
    const pending = this.pending.get(id);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(id);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
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
    this.arm(id, 'sending', this.options.sendDelayMs, () => this.finish(id));
  }

  /** Decides the carrier's answer now, so a test that changed the state meanwhile (e.g. blocked a phone) is honoured. */
  private finish(id: string): void {
    const record = this.state.sms.get(id);
    if (record?.status !== 'outbox') return;
    const outcome = deliveryOutcome(this.state, record);
    const now = this.options.now();
    if (outcome.ok) {
      record.status = 'sent';
      record.date_sent = closeDate(now);
      record.activity_at = record.date_sent;
      record.cost = '1';
    } else {
      record.status = 'error';
      record.error_message = outcome.message;
    }
    touch(this.state, record, now);
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
