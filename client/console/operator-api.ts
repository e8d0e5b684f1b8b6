// The console's calls to the operator endpoints, with the operator's bearer token.
import { scopedPath, type PageAccess } from '../stream/page-access';
import type { FraudEvent } from '../../shared/schema/events';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import type { WallListing } from '../../shared/protocol/wall-health';
import type { EscalationOutcome, EscalationStep } from '../../shared/vocabulary';

export interface StepRequest {
  step: EscalationStep;
  station?: string;
  outcome?: EscalationOutcome;
  note?: string;
  by?: string;
}

export interface RejectedEntry {
  receivedAt: string;
  index: number;
  id?: string;
  errors: string[];
  event: unknown;
}

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

export class OperatorApi {
  /** A county's station suggestions, asked for once a session (at most one per county). */
  readonly #stations = new Map<string, Promise<Answer<string[]>>>();

  constructor(
    private readonly token: string,
    /** The console's scope (`/console?scope=`); none: the token's own, or the region. */
    private readonly scope?: string,
  ) {}

  escalations(): Promise<Answer<OperatorEscalation[]>> {
    return this.#call(scopedPath('/api/v1/escalations', this.#access()));
  }

  stations(county: string): Promise<Answer<string[]>> {
    let answer = this.#stations.get(county);
    if (!answer) {
      answer = this.#call<string[]>(`/api/v1/stations?county=${encodeURIComponent(county)}`);
      this.#stations.set(county, answer);
      // A failed answer is asked again next time.
      void answer.then((a) => a.ok || this.#stations.delete(county));
    }
    return answer;
  }

  walls(): Promise<Answer<WallListing[]>> {
    return this.#call(scopedPath('/api/v1/walls', this.#access()));
  }

  rejected(limit = 200): Promise<Answer<RejectedEntry[]>> {
    return this.#call(scopedPath(`/api/v1/rejected?limit=${limit}`, this.#access()));
  }

  recordStep(warningId: string, request: StepRequest): Promise<Answer<FraudEvent>> {
    return this.#call(`/api/v1/escalations/${encodeURIComponent(warningId)}/steps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  #access(): PageAccess {
    return this.scope ? { scope: this.scope } : {};
  }

  async #call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
    try {
      const response = await fetch(path, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${this.token}` },
      });
      const body: unknown = await response.json().catch(() => ({}));
      if (response.ok) return { ok: true, value: body as T };
      const error = (body as { error?: unknown }).error;
      return { ok: false, status: response.status, error: typeof error === 'string' ? error : `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, status: 0, error: `无法连接服务器：${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
