// Requests a page of another site made on the user's behalf — a form posted across sites, a
// fetch from another origin — are refused before anything is done: signing a victim's browser
// into an attacker's account (login CSRF) needs no more than that. Browsers say where a request
// came from (Sec-Fetch-Site, Origin); clients that are not browsers send neither and pass.
import type { RequestHandler } from 'express';

/** Whether a page of `origin` is this server's own, as the request's Host names it. */
export function originMatchesHost(origin: string, host: string | undefined): boolean {
  return URL.canParse(origin) && host !== undefined && new URL(origin).host === host;
}

export function refuseCrossSite(): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (req.get('sec-fetch-site') === 'cross-site' || (origin !== undefined && !originMatchesHost(origin, req.get('host')))) {
      res.status(403).json({ error: 'Origin: a page of another site may not do this' });
      return;
    }
    next();
  };
}

/** A body that must be JSON says so: a form (urlencoded, multipart, text/plain) is refused before it is read. */
export function requireJson(): RequestHandler {
  return (req, res, next) => {
    if (req.is('application/json')) return next();
    res.status(415).json({ error: 'Content-Type: must be application/json' });
  };
}
