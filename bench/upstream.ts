// An upstream system in its own process, as in production: posts the batches in a file (one
// JSON array a line) to a URL one request at a time, and reports over IPC how long that took.
// Keeps the HTTP client's own CPU off the event loop of the server being measured.
// argv: file, url, bearer token (may be empty).
import { readFileSync } from 'node:fs';

const [file = '', url = '', token = ''] = process.argv.slice(2);
const bodies = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
const started = performance.now();
for (const body of bodies) {
  const response = await fetch(url, { method: 'POST', headers, body });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  await response.arrayBuffer();
}
process.send?.({ ms: performance.now() - started }, () => process.exit(0));
