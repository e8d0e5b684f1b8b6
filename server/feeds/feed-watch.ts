// Silent feeds (issue 26): every node reads each feed's last arrival and usual silence from the
// store every few seconds and tells its walls which feeds have gone quiet for longer than they
// usually do from that hour of the week (the previous four weeks' longest, at least the floor,
// FRAUDWALL_FEED_SILENT_MINUTES) — a quiet wall then says its upstream stopped, rather than
// passing for a quiet evening. Measured on the server's clock, like the events themselves.
import type { WatchedFeedState } from '../aggregate/live-state';
import type { RegionScopes } from '../../shared/region';
import { WARNING_SOURCE_LABELS } from '../../shared/vocabulary';
import type { FeedRecord, FeedsApi } from './feeds-api';

export const FEED_WATCH_EVERY_MS = 15_000;

export type WatchedFeed = WatchedFeedState;

export interface FeedWatchOptions {
  readonly store: FeedsApi;
  readonly scopes: RegionScopes;
  readonly floorMinutes: number;
  /** An upstream key's display name and scope (account-names.ts). */
  readonly nameOf: (username: string) => string;
  readonly scopeOf: (username: string) => string | undefined;
  readonly iso: (ms: number) => string;
  readonly now: () => number;
  readonly onFeeds: (feeds: WatchedFeed[]) => void;
  readonly onError: (error: unknown) => void;
  readonly everyMs?: number;
}

export class FeedWatch {
  #timer: NodeJS.Timeout | undefined;
  #feeds: WatchedFeed[] = [];

  constructor(private readonly o: FeedWatchOptions) {}

  /** Reads once before the server listens, so its first snapshot already names its feeds; then every `everyMs`. */
  async start(): Promise<void> {
    await this.read();
    this.#timer = setInterval(() => void this.read(), this.o.everyMs ?? FEED_WATCH_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** The feeds as last read: the feed rule's (a silence is judged on the read, every 15 s). */
  get feeds(): readonly WatchedFeed[] {
    return this.#feeds;
  }

  async read(): Promise<void> {
    try {
      const now = this.o.now();
      this.#feeds = (await this.o.store.feeds(now)).map((record) => this.#view(record, now));
      this.o.onFeeds(this.#feeds);
    } catch (error) {
      this.o.onError(error);
    }
  }

  /** A feed first heard of in a batch just applied: its usual silence unknown yet, the floor applies. */
  viewOf(source: string, lastMs: number): WatchedFeed {
    return this.#view({ source, lastMs }, this.o.now());
  }

  #view({ source, lastMs, usualGapMs }: FeedRecord, now: number): WatchedFeed {
    const quietMs = Math.max(this.o.floorMinutes * 60_000, usualGapMs ?? 0);
    const key = source.startsWith('key:') ? source.slice(4) : undefined;
    const scope = key === undefined ? undefined : this.o.scopes.get(this.o.scopeOf(key) ?? '');
    return {
      source,
      name: key === undefined ? (WARNING_SOURCE_LABELS[source as keyof typeof WARNING_SOURCE_LABELS] ?? source) + (source === 'province' ? '下发' : '') : this.o.nameOf(key),
      lastAt: this.o.iso(lastMs),
      lastMs,
      silent: now - lastMs > quietMs,
      quietMinutes: Math.round(quietMs / 60_000),
      // The province's and the city's feeds serve every wall; a key, its own area.
      counties: scope && scope !== this.o.scopes.region ? scope.counties.map((c) => c.adcode) : [],
    };
  }
}
