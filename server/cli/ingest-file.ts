// npm run ingest -- events.ndjson [--url http://host:8080] [--batch 1000]
// Bulk-loads an NDJSON file through POST /api/v1/events, for integrators. The token comes from
// FRAUDWALL_INGEST_TOKEN. Each batch is retried on network errors and 5xx (ingest is idempotent,
// so a retried batch only produces duplicates); rejections are printed with their line numbers.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: `http://localhost:${process.env['PORT'] ?? '8080'}` },
    batch: { type: 'string', default: '1000' },
  },
});

const file = positionals[0];
const token = process.env['FRAUDWALL_INGEST_TOKEN'];
const batchSize = Number(values.batch);
if (!file || !token || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  process.stderr.write('usage: FRAUDWALL_INGEST_TOKEN=… npm run ingest -- <file.ndjson> [--url URL] [--batch 1…10000]\n');
  process.exit(2);
}

interface Summary {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string; errors: string[] }[];
}

async function post(lines: string[]): Promise<Summary> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(new URL('/api/v1/events', values.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: lines.join('\n'),
      });
      if (response.status < 500) {
        if (!response.ok) throw new Error(`server answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as Summary;
      }
      if (attempt >= 5) throw new Error(`server answered ${response.status} five times`);
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= 5) throw error;
    }
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

const totals = { accepted: 0, duplicates: 0, rejected: 0 };
let batch: string[] = [];
/** The file line of each event in the batch, to point at rejected ones. */
let lineNumbers: number[] = [];
let lineNo = 0;

async function flush(): Promise<void> {
  if (batch.length === 0) return;
  const summary = await post(batch);
  totals.accepted += summary.accepted;
  totals.duplicates += summary.duplicates;
  totals.rejected += summary.rejected.length;
  for (const r of summary.rejected) {
    process.stderr.write(`line ${lineNumbers[r.index] ?? '?'}${r.id ? ` (${r.id})` : ''}: ${r.errors.join('; ')}\n`);
  }
  batch = [];
  lineNumbers = [];
}

for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  lineNo++;
  if (line.trim() === '') continue;
  batch.push(line);
  lineNumbers.push(lineNo);
  if (batch.length >= batchSize) await flush();
}
await flush();
process.stdout.write(`${JSON.stringify(totals)}\n`);
process.exit(totals.rejected > 0 ? 1 : 0);
