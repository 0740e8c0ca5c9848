// Webhook delivery ids (X-GitHub-Delivery, Idempotency-Key) seen per trigger, with what the first
// delivery did, so a repeated delivery starts no second run. Kept for a day.
import type { TriggerFiringOutcome } from '../../../shared/domain';
import type { Db } from './database';

export interface WebhookDeliveryRecord {
  triggerId: string;
  deliveryId: string;
  requestId: string;
  outcome: TriggerFiringOutcome;
  /** The run the delivery started; for a held (queued) firing, the run it later started. */
  runId: string | null;
  receivedAt: number;
}

interface DeliveryRow {
  trigger_id: string;
  delivery_id: string;
  request_id: string;
  outcome: string;
  run_id: string | null;
  firing_run_id: string | null;
  received_at: number;
}

export class WebhookDeliveryStore {
  constructor(private readonly db: Db) {}

  /** The first delivery with this id, if it came after `since`. */
  find(triggerId: string, deliveryId: string, since: number): WebhookDeliveryRecord | undefined {
    const row = this.db
      .prepare<[string, string, number], DeliveryRow>(
        `SELECT d.*, f.run_id AS firing_run_id FROM webhook_deliveries d
           LEFT JOIN trigger_firings f ON f.id = d.firing_id
         WHERE d.trigger_id = ? AND d.delivery_id = ? AND d.received_at > ?`,
      )
      .get(triggerId, deliveryId, since);
    if (!row) return undefined;
    return {
      triggerId: row.trigger_id,
      deliveryId: row.delivery_id,
      requestId: row.request_id,
      outcome: row.outcome as TriggerFiringOutcome,
      runId: row.run_id ?? row.firing_run_id,
      receivedAt: row.received_at,
    };
  }

  /** Records a delivery (replacing an expired one with the same id). */
  record(delivery: WebhookDeliveryRecord & { firingId: number | null }): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO webhook_deliveries
           (trigger_id, delivery_id, request_id, outcome, run_id, firing_id, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        delivery.triggerId,
        delivery.deliveryId,
        delivery.requestId,
        delivery.outcome,
        delivery.runId,
        delivery.firingId,
        delivery.receivedAt,
      );
  }

  /** Forgets deliveries received before `before`. */
  prune(before: number): void {
    this.db.prepare('DELETE FROM webhook_deliveries WHERE received_at <= ?').run(before);
  }
}
