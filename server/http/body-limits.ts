// A request that declares a body over its endpoint's limit gets 413 before a byte of it is
// read, and its connection is closed so the rest is never received.
import type { RequestHandler } from 'express';

export function refuseDeclaredOversize(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length']);
    if (!(declared > limitBytes)) return next();
    res.set('Connection', 'close');
    res.status(413).json({ error: `request body is too large (at most ${limitBytes} bytes)` });
    res.once('finish', () => req.socket.destroySoon());
  };
}
