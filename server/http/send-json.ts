// Answers with JSON the store's thread already encoded: the walls' thread only copies bytes.
import type { Response } from 'express';

export function sendJson(res: Response, status: number, json: string): void {
  res.status(status).type('application/json').send(json);
}
