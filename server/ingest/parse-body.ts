// The ingest body: a JSON array, one JSON object, or NDJSON (one event a line).

export type ParsedBody = { ok: true; events: unknown[] } | { ok: false; status: 400 | 415; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseEventsBody(body: Buffer, contentType: string | undefined): ParsedBody {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && mediaType !== 'application/x-ndjson') {
    return {
      ok: false,
      status: 415,
      error: `Content-Type must be application/json or application/x-ndjson (got ${mediaType || 'none'})`,
    };
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, status: 400, error: 'body is not valid UTF-8' };
  }
  return mediaType === 'application/json' ? parseJson(text) : parseNdjson(text);
}

function parseJson(text: string): ParsedBody {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, events: Array.isArray(value) ? value : [value] };
  } catch (error) {
    return { ok: false, status: 400, error: `invalid JSON: ${messageOf(error)}` };
  }
}

function parseNdjson(text: string): ParsedBody {
  const events: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    try {
      events.push(JSON.parse(line));
    } catch (error) {
      return { ok: false, status: 400, error: `invalid NDJSON at line ${i + 1}: ${messageOf(error)}` };
    }
  }
  return { ok: true, events };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
