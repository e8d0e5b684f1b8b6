// What the escalation desk asks of the store: a step recorded under the write lock, and the
// open list with its histories read beside the writes.

/** POST …/steps: the status and the JSON body to answer with (contract.md, "Operator actions"). */
export interface StepAnswer {
  readonly status: 201 | 400 | 403 | 404 | 409;
  readonly bodyJson: string;
}

export interface StepApi {
  /** `within`: the counties the operator's scope covers, or null for the whole region. */
  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null): Promise<StepAnswer>;
}

export interface OperatorReadApi {
  /** `within`: the counties of the asker's scope, or null for the whole region. */
  operatorEscalationsJson(limit: number, within: readonly string[] | null): Promise<string>;
  stations(county: string, limit: number): Promise<string[]>;
}
