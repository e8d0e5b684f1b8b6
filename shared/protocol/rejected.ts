// A dead letter as GET /api/v1/rejected answers it (contract.md, "Ingest"): an event refused, as
// it was received, with the reasons.
export interface RejectedEvent {
  /** ISO 8601 with the configured zone's offset. */
  readonly receivedAt: string;
  /** Its place in the request it came in. */
  readonly index: number;
  readonly id?: string;
  readonly errors: readonly string[];
  readonly event: unknown;
}
