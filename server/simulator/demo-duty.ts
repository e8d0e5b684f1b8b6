// The demo's duty officer (issue 25): in a real room an operator claims a new unreachable victim
// within a minute or two; the demo has nobody at the console, so its operator account claims
// each escalation the live simulation opens after a believable pause — so the demo's banner
// 新增 N 起未认领 comes and goes as a room's would, and its cards name who is on them.
// Bounded: a province's busiest hour opens a few hundred.
import type { Random } from './random';
import type { ClaimAction, ClaimAnswer } from '../ingest/ingest-api';
import type { PlannedEvent } from './simulated-center';

/** The demo's operator account (demo-accounts.ts). */
export const DEMO_OPERATOR = 'demo.operator';
/** Demo minutes from the unreachable call to the claim. */
const CLAIM_AFTER_MINUTES: readonly [number, number] = [0.5, 2.5];
const MAX_WAITING = 1_000;

export class DemoDuty {
  /** Escalations to claim, in the order they are due (server time). */
  #waiting: { warningId: string; dueMs: number }[] = [];

  constructor(
    private readonly claim: (warningId: string, action: ClaimAction, by: string, within: readonly string[] | null) => Promise<ClaimAnswer>,
    private readonly random: Random,
  ) {}

  /** Notes the escalations a posted batch opened. */
  noteOpened(posted: readonly PlannedEvent[]): void {
    for (const { simMs, body } of posted) {
      if (body['type'] !== 'contact' || body['result'] !== 'unreachable' || this.#waiting.length >= MAX_WAITING) continue;
      const minutes = this.random.between(...CLAIM_AFTER_MINUTES);
      this.#waiting.push({ warningId: body['warningId'] as string, dueMs: simMs + minutes * 60_000 });
    }
    this.#waiting.sort((a, b) => a.dueMs - b.dueMs);
  }

  /** Claims what is due by `nowMs`; one already held or moved on answers 409 and is let be. */
  async claimDue(nowMs: number): Promise<void> {
    while (this.#waiting[0] && this.#waiting[0].dueMs <= nowMs) {
      const { warningId } = this.#waiting.shift()!;
      await this.claim(warningId, 'claim', DEMO_OPERATOR, null);
    }
  }
}
