// The store thread's side of a request, shared by both engines: a body parsed and bounded,
// each event validated against the caller's clock, and the answer a committed plan gives.
import { regionPack } from '../../shared/region';
import { countedEvent } from '../../shared/schema/counted-event';
import { createEventValidator, type EventValidator } from '../../shared/schema/validate';
import type { EscalationEvent, FraudEvent } from '../../shared/schema/events';
import type { ClaimEvent } from '../../shared/schema/claim-event';
import { parseEventsBody } from './parse-body';
import type { BatchPlan, Rejection, ValidEvent } from './batch-plan';
import type { RegionId } from '../../shared/region';
import type { IngestAnswer, IngestInput, SenderScope, StepAnswer } from './ingest-api';

/** What validation needs of the configuration. */
export interface ValidationSettings {
  readonly region: RegionId;
  readonly maxEventAgeDays: number;
}

export const MAX_EVENTS_PER_REQUEST = 10_000;

export interface SortedBatch {
  readonly valid: ValidEvent[];
  readonly invalid: Rejection[];
}

export type BatchRead = ({ readonly ok: true } & SortedBatch) | { readonly ok: false; readonly status: 400 | 413 | 415; readonly error: string };

export class IncomingBatches {
  readonly #validate: EventValidator;
  /** The time of the request being sorted: validation's "now" is the caller's clock. */
  #requestNow = 0;

  constructor(settings: ValidationSettings) {
    const region = regionPack(settings.region);
    this.#validate = createEventValidator({
      regionId: region.id,
      countyCodes: new Set(region.counties.map((c) => c.adcode)),
      now: () => this.#requestNow,
      maxAgeDays: settings.maxEventAgeDays,
    });
  }

  /** A request's events, parsed, bounded in number and validated; or why the request is refused whole. */
  read(input: IngestInput, nowMs: number): BatchRead {
    let raws: readonly unknown[];
    if (input.kind === 'body') {
      const parsed = parseEventsBody(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), input.contentType);
      if (!parsed.ok) return parsed;
      raws = parsed.events;
    } else {
      raws = input.events;
    }
    if (raws.length > MAX_EVENTS_PER_REQUEST) {
      return { ok: false, status: 413, error: `at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${raws.length})` };
    }
    return { ok: true, ...this.sort(raws, nowMs, input.scope) };
  }

  /**
   * `scope`: the sender's, when it is bound to one. Its events must lie in its counties, and
   * their ids begin with its adcode and a colon — ids are namespaced by scope, so that no key can
   * take an id another scope will send (issue 22). Whether a warning they name is its own is
   * decided when the batch is planned (batch-plan.ts), from what is stored.
   */
  sort(raws: readonly unknown[], nowMs: number, scope?: SenderScope): SortedBatch {
    this.#requestNow = nowMs;
    const within = scope && new Set(scope.counties);
    const valid: ValidEvent[] = [];
    const invalid: Rejection[] = [];
    raws.forEach((raw, index) => {
      const result = this.#validate(raw);
      if (!result.ok) invalid.push({ index, ...(result.id === undefined ? {} : { id: result.id }), errors: result.errors, raw });
      else if (scope && within) {
        const refusal = scopeRefusal(result.event, scope, within);
        if (refusal === undefined) valid.push({ index, event: result.event, raw, within });
        else invalid.push({ index, id: result.event.id, errors: [refusal], raw });
      } else valid.push({ index, event: result.event, raw });
    });
    return { valid, invalid };
  }
}

/** Why a scoped sender may not post this event, if it may not. */
function scopeRefusal(event: FraudEvent, scope: SenderScope, within: ReadonlySet<string>): string | undefined {
  if (!event.id.startsWith(`${scope.adcode}:`)) return `id: must begin with ${scope.adcode}: (the ids of an ingest key bound to a scope begin with its adcode)`;
  if (!within.has(countedEvent(event).county)) return `county: ${event.county} is outside the scope of this ingest key`;
  return undefined;
}

/** The answer to an ingest whose plan was committed (contract.md, "Ingest"). */
export function ingestAnswer(plan: BatchPlan): Extract<IngestAnswer, { ok: true }> {
  const summary = {
    accepted: plan.applied.length,
    duplicates: plan.duplicates,
    rejected: plan.rejected.map(({ index, id, errors }) => ({ index, ...(id === undefined ? {} : { id }), errors })),
  };
  return {
    ok: true,
    counts: { accepted: summary.accepted, duplicates: summary.duplicates, rejected: summary.rejected.length },
    summaryJson: JSON.stringify(summary),
  };
}

/** A batch with an event the server made itself (a claim) after the rest: it needs no validation. */
export function withServerEvent(batch: SortedBatch, event: ClaimEvent): SortedBatch {
  return { valid: [...batch.valid, { index: batch.valid.length + batch.invalid.length, event, raw: event }], invalid: batch.invalid };
}

/** The answer to an operator's step whose event was committed (or refused by validation). */
export function stepAnswer(plan: BatchPlan, event: EscalationEvent): StepAnswer {
  if (!plan.applied.some((applied) => applied.event.id === event.id)) {
    return { status: 400, bodyJson: JSON.stringify({ error: plan.rejected.flatMap((r) => r.errors).join('; ') }) };
  }
  return { status: 201, bodyJson: JSON.stringify(event) };
}
