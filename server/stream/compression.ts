// Per-message deflate on the wall stream (FRAUDWALL_STREAM_COMPRESSION=1; off by default). A
// delta repeats most of the one before it (the contract resends the open-escalation and county
// arrays whole when one entry changes), so a compressor that remembers the previous message
// turns a 10-event delta of about 4 KB into about 0.3 KB on the wire: worth it for walls on a
// thin link.
//
// The price is per connection: a zlib stream (some 0.2 MB of memory in all) and a thread-pool
// round trip per message, and a broadcast can no longer share one encoded frame. With 500
// walls on two cores that lifted the p99 ingest-to-wall latency from 0.25 s to 0.75 s
// (BENCHMARKS.md), so a control room's LAN is better served uncompressed.
import type { ServerOptions } from 'socket.io';

export const WALL_STREAM_DEFLATE: ServerOptions['perMessageDeflate'] = {
  // Heartbeats and small deltas are not worth compressing.
  threshold: 1024,
  // An 8 KB window still holds the whole previous delta; a smaller one loses most of the gain.
  serverMaxWindowBits: 13,
  // With the window above, zlib keeps about 40 KB per connection instead of about 260 KB.
  zlibDeflateOptions: { memLevel: 4 },
};
