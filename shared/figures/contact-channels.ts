// Calls by result, and the same calls by the channel they went out on (96110, a local line, an
// SMS): read from counters the same way for the live state's day and the statistics' period.
import type { Metric } from '../aggregate/metrics';
import { COUNTED_CHANNELS, type CountedChannel } from '../vocabulary';

export interface ContactCounts {
  dissuaded: number;
  notDeceived: number;
  unreachable: number;
}

export type ContactsByChannel = Record<CountedChannel, ContactCounts>;

export function contactCounts(count: (metric: Metric) => number): ContactCounts {
  return { dissuaded: count('contact.dissuaded'), notDeceived: count('contact.not_deceived'), unreachable: count('contact.unreachable') };
}

export function contactsByChannel(count: (metric: Metric) => number): ContactsByChannel {
  return Object.fromEntries(
    COUNTED_CHANNELS.map((channel) => [
      channel,
      {
        dissuaded: count(`channel.${channel}.dissuaded`),
        notDeceived: count(`channel.${channel}.not_deceived`),
        unreachable: count(`channel.${channel}.unreachable`),
      },
    ]),
  ) as ContactsByChannel;
}

/** Calls made on a channel, and how many reached someone. */
export function callsOf(counts: ContactCounts): { calls: number; reached: number } {
  const reached = counts.dissuaded + counts.notDeceived;
  return { calls: reached + counts.unreachable, reached };
}
