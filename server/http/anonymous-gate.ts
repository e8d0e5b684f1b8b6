// The two endpoints anyone may call without credentials — GET /healthz and POST /api/v1/session —
// each get a per-address budget, checked on the raw request before Express does any work (issue
// 22): past it, a ready-made 429 with Retry-After, which costs the thread that serves the walls
// the least an answer can. A monitor polls /healthz a few times a second and a person signs in
// a few times a minute, so the budgets are far above any honest use and far below a flood. The
// shipped nginx site keeps tighter limits in front (deploy/nginx/fraudwall.conf); this holds for
// a node reached directly.
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Budget {
  /** Requests a second, sustained. */
  readonly perSecond: number;
  /** Requests at once, before the rate applies. */
  readonly burst: number;
}

export const ANONYMOUS_BUDGETS = {
  health: { perSecond: 50, burst: 100 },
  'sign-in': { perSecond: 20, burst: 40 },
} as const satisfies Record<string, Budget>;
type Gated = keyof typeof ANONYMOUS_BUDGETS;

/** Addresses tracked at most; a flood from more than this many starts over with the oldest dropped. */
const MAX_TRACKED = 100_000;
const REFUSAL = JSON.stringify({ error: 'too many requests from this address; retry in a moment' });

function gatedOf(req: IncomingMessage): Gated | undefined {
  if (req.method === 'GET' && (req.url === '/healthz' || req.url?.startsWith('/healthz?'))) return 'health';
  if (req.method === 'POST' && req.url === '/api/v1/session') return 'sign-in';
  return undefined;
}

export class AnonymousGate {
  /** Per endpoint and address: tokens left and when they were counted (a token bucket). */
  readonly #buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly addressOf: (req: IncomingMessage) => string,
    private readonly onRefused: () => void,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Answers the request itself when its address is over the endpoint's budget; whether it did. */
  refused(req: IncomingMessage, res: ServerResponse): boolean {
    const gated = gatedOf(req);
    if (gated === undefined || this.#take(`${gated}\n${this.addressOf(req)}`, ANONYMOUS_BUDGETS[gated])) return false;
    res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(REFUSAL), 'retry-after': '1' });
    res.end(REFUSAL);
    this.onRefused();
    return true;
  }

  #take(key: string, { perSecond, burst }: Budget): boolean {
    const now = this.nowMs();
    const bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_TRACKED) this.#buckets.delete(this.#buckets.keys().next().value!);
      this.#buckets.set(key, { tokens: burst - 1, atMs: now });
      return true;
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.atMs) / 1000) * perSecond);
    bucket.atMs = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
