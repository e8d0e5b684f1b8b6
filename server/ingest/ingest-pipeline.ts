// validate → store → aggregate: the single path every event takes, whether an upstream system
// posted it, an operator recorded it or the simulator made it up.
import type { EventValidator } from '../../shared/schema/validate';
import type { LiveState } from '../aggregate/live-state';
import type { AppliedEvent, EventStore, Rejection, ValidEvent } from '../store/event-store';

export const MAX_EVENTS_PER_REQUEST = 10_000;

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string; errors: readonly string[] }[];
}

export interface IngestOutcome {
  readonly summary: IngestSummary;
  readonly applied: readonly AppliedEvent[];
}

export interface IngestPipelineOptions {
  readonly validate: EventValidator;
  readonly store: EventStore;
  readonly live: LiveState;
  readonly now: () => number;
  /** Told after every committed batch (metrics, logs). */
  readonly onCommitted?: (outcome: IngestOutcome) => void;
}

export class IngestPipeline {
  constructor(private readonly options: IngestPipelineOptions) {}

  /**
   * Validates each event on its own, commits the valid ones and the rejections in one
   * transaction, then updates the live state. Throws, having stored nothing, if the database fails.
   */
  ingest(raws: readonly unknown[]): IngestOutcome {
    const { validate, store, live, now } = this.options;
    const valid: ValidEvent[] = [];
    const invalid: Rejection[] = [];
    raws.forEach((raw, index) => {
      const result = validate(raw);
      if (result.ok) valid.push({ index, event: result.event, raw });
      else invalid.push({ index, ...(result.id === undefined ? {} : { id: result.id }), errors: result.errors, raw });
    });

    const committedAt = now();
    const { applied, duplicates, rejected } = store.commit(valid, invalid, committedAt);
    // Persist before broadcast: the wall learns of an event only once it is committed.
    live.apply(applied, committedAt);

    const outcome: IngestOutcome = {
      summary: {
        accepted: applied.length,
        duplicates,
        rejected: rejected.map(({ index, id, errors }) => ({ index, ...(id === undefined ? {} : { id }), errors })),
      },
      applied,
    };
    this.options.onCommitted?.(outcome);
    return outcome;
  }
}
