// The flood room's anonymous clients, in a process of their own so that their own event loop —
// hundreds of requests in flight — never delays the room's ingest timings (busy-room.ts):
//   node --import tsx bench/anonymous-flood.ts <url> <run seconds> <sign-ins from second> <sign-in seconds> <concurrent sign-ins> <health pollers>
// prints the answers by status as JSON: {"signIns": {"429": n, …}, "health": {"200": n, …}}.
export {};

const [url, runS, fromS, signInS, concurrent, pollers] = process.argv.slice(2) as [string, string, string, string, string, string];
const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;

const tally = (into: Record<string, number>, status: number) => void (into[String(status)] = (into[String(status)] ?? 0) + 1);

async function signIns(into: Record<string, number>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Number(fromS) * 1000));
  let n = 0;
  const one = async () => {
    while (elapsed() < Number(fromS) + Number(signInS)) {
      // Three in four a new unknown name; one in four the same name, locked from here after five.
      const username = n++ % 4 === 0 ? 'flood.locked' : `flood-${n}`;
      const answer = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'not the password' }) }).catch(() => undefined);
      await answer?.arrayBuffer();
      tally(into, answer?.status ?? 0);
    }
  };
  await Promise.all(Array.from({ length: Number(concurrent) }, one));
}

async function health(into: Record<string, number>): Promise<void> {
  const one = async () => {
    while (elapsed() < Number(runS)) {
      const answer = await fetch(`${url}/healthz`).catch(() => undefined);
      await answer?.arrayBuffer();
      tally(into, answer?.status ?? 0);
    }
  };
  await Promise.all(Array.from({ length: Number(pollers) }, one));
}

const result = { signIns: {} as Record<string, number>, health: {} as Record<string, number> };
await Promise.all([signIns(result.signIns), health(result.health)]);
process.stdout.write(`${JSON.stringify(result)}\n`);
