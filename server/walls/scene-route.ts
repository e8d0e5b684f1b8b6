// The room's hands on its walls (issue 25). POST /api/v1/walls/scene puts a scope's walls (or
// only the named device accounts among them) into a scene for some real minutes; DELETE, or a
// `live` scene, ends it; GET /api/v1/walls/control lists what is in force; PUT
// /api/v1/walls/playlist (admins) sets the rotation a scope's walls follow otherwise. Operators,
// leaders and admins direct the walls of their own scope only, with the CSRF token like every
// change; every change is an audit record; every node's walls hear of it through the store's
// change feed (wall-directions.ts).
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { RegionScopes, Scope } from '../../shared/region';
import { describeIssues } from '../../shared/schema/validate';
import { IDENTIFY_SECONDS, MOMENTARY_KINDS, type Playlist, type PushedScene } from '../../shared/protocol/wall-scene';
import type { AuditAction } from '../../shared/protocol/audit';
import type { ActiveEscalation } from '../../shared/protocol/wall-state';
import { accountOf, scopeOf, type AccessControl } from '../auth/access-control';
import type { AuditApi } from '../audit/audit-api';
import { requestActor } from '../audit/request-actor';
import { refuseDeclaredOversize } from '../http/body-limits';
import { readQuery } from '../http/query';
import { playlistRequestSchema, sceneRequestSchema, WALLS_BODY_BYTES, type SceneRequest } from './scene-request';
import type { SceneSlot, WallControlApi } from './wall-control-api';
import type { WallDirections } from './wall-directions';

/** How long a reload command stands: a wall that was away that long has reloaded anyway. */
const RELOAD_STANDS_MS = 60_000;

export interface SceneRouteDeps {
  readonly access: AccessControl;
  readonly scopes: RegionScopes;
  readonly store: WallControlApi & AuditApi;
  readonly directions: WallDirections;
  /** An open escalation's masked card, by warning id: what an escalation scene shows. */
  readonly openCard: (warningId: string) => ActiveEscalation | undefined;
  /** The enabled device account of that name and its scope. */
  readonly device: (username: string) => { readonly scope: string } | undefined;
  readonly nameOf: (username: string) => string;
  /** A real instant as the center's clock reads it (HH:mm, FRAUDWALL_TZ): the badge's 至 15:30. */
  readonly clockOf: (ms: number) => string;
  /** The demo's clock, for the audit trail; scenes run on real time. */
  readonly now: () => number;
  readonly realNow?: () => number;
}

type Refusal = { status: 400 | 403 | 404; error: string };

const ScopeQuery = z.object({ scope: z.string().regex(/^\d{6}$/, 'must be a 6-digit adcode') });

export function sceneRoute({ access, scopes, store, directions, openCard, device, nameOf, clockOf, now, realNow = Date.now }: SceneRouteDeps): Router {
  const router = Router();
  const body = [refuseDeclaredOversize(WALLS_BODY_BYTES), express.json({ limit: WALLS_BODY_BYTES, strict: false, type: () => true })];

  const answer = async (req: Request, res: Response, action: AuditAction, object: string, status: number, json: unknown) => {
    await store.audit({ atMs: now(), ...requestActor(req, res, 'operator'), action, object, result: String(status) });
    res.status(status).json(json);
  };

  /** The scope asked for, inside what the asker may direct — or why not. */
  const target = (res: Response, adcode: string): Scope | Refusal => {
    const scope = scopes.get(adcode);
    const region = scopes.region;
    if (!scope) return { status: 400, error: `scope: must be the adcode of ${region.name} (${region.adcode}) or of a city or county inside it` };
    const granted = scopeOf(res);
    if (!scopes.contains(granted, scope)) return { status: 403, error: `scope: you direct the walls of ${granted.name} (${granted.adcode}) only` };
    return scope;
  };

  /** Whether `adcode` names a city or county inside `scope` (a focus, a tour's stop), or why not (`field`). */
  const insideRefusal = (scope: Scope, adcode: string, field: string): Refusal | undefined => {
    const place = scopes.get(adcode);
    if (place && place.adcode !== scope.adcode && scopes.contains(scope, place)) return undefined;
    return { status: 400, error: `${field}: must be a city or county inside ${scope.name} (${scope.adcode})` };
  };

  /** What the scene needs beyond its own fields, checked against the scope it goes to. */
  const checked = (request: SceneRequest, scope: Scope): Refusal | { card?: ActiveEscalation } => {
    const { scene } = request;
    const outside = scene.kind === 'focus' ? insideRefusal(scope, scene.adcode, 'scene.adcode') : undefined;
    if (outside) return outside;
    for (const [i, username] of (request.devices ?? []).entries()) {
      const entry = device(username);
      if (!entry) return { status: 400, error: `devices[${i}]: there is no enabled device account ${username}` };
      if (entry.scope !== scope.adcode) return { status: 400, error: `devices[${i}]: ${username} shows ${entry.scope}, not ${scope.adcode}` };
    }
    if (scene.kind === 'escalation') {
      const card = openCard(scene.warningId);
      const inside = card && scope.counties.some((county) => county.adcode === card.county);
      if (!card || !inside) return { status: 404, error: `scene.warningId: there is no open escalation ${scene.warningId} in ${scope.name}` };
      return { card };
    }
    return {};
  };

  router.post('/api/v1/walls/scene', access.require('walls'), ...body, async (req, res) => {
    const parsed = sceneRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).join('; ') });
      return;
    }
    const request = parsed.data;
    const object = `${request.scope} ${request.scene.kind}`;
    const scope = target(res, request.scope);
    if ('error' in scope) return answer(req, res, 'wall-scene', object, scope.status, { error: scope.error });
    const extra = checked(request, scope);
    if ('error' in extra) return answer(req, res, 'wall-scene', object, extra.status, { error: extra.error });
    if (request.scene.kind === 'live') {
      await store.setScene(scope.adcode, 'lasting', null, realNow());
      await directions.reload();
      return answer(req, res, 'wall-scene', object, 200, { scope: scope.adcode, scene: null });
    }
    const setAt = realNow();
    const momentary = MOMENTARY_KINDS.includes(request.scene.kind);
    const lasts = request.scene.kind === 'identify' ? IDENTIFY_SECONDS * 1_000 : request.scene.kind === 'reload' ? RELOAD_STANDS_MS : request.minutes * 60_000;
    const username = accountOf(res)?.username;
    const pushed: PushedScene = {
      id: randomUUID(),
      scope: scope.adcode,
      ...(request.devices ? { devices: request.devices } : {}),
      scene: request.scene,
      setAt: new Date(setAt).toISOString(),
      until: new Date(setAt + lasts).toISOString(),
      untilClock: clockOf(setAt + lasts),
      by: username === undefined ? '值班席位' : nameOf(username),
      ...(extra.card ? { card: extra.card } : {}),
    };
    const slot: SceneSlot = momentary ? 'momentary' : 'lasting';
    await store.setScene(scope.adcode, slot, pushed, setAt);
    await directions.reload();
    return answer(req, res, 'wall-scene', object, 201, pushed);
  });

  router.delete('/api/v1/walls/scene', access.require('walls'), async (req, res) => {
    const query = readQuery(ScopeQuery, req, res);
    if (!query) return;
    const scope = target(res, query.scope);
    if ('error' in scope) return answer(req, res, 'wall-scene', `${query.scope} end`, scope.status, { error: scope.error });
    await store.setScene(scope.adcode, 'lasting', null, realNow());
    await directions.reload();
    return answer(req, res, 'wall-scene', `${scope.adcode} end`, 200, { scope: scope.adcode, scene: null });
  });

  router.get('/api/v1/walls/control', access.require('walls'), access.scoped, (_req, res) => {
    const scope = scopeOf(res);
    res.json(directions.inForce((adcode) => {
      const inside = scopes.get(adcode);
      return inside !== undefined && scopes.contains(scope, inside);
    }));
  });

  router.put('/api/v1/walls/playlist', access.require('admin'), ...body, async (req, res) => {
    const parsed = playlistRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).join('; ') });
      return;
    }
    const { scope: adcode, entries } = parsed.data;
    const scope = target(res, adcode);
    if ('error' in scope) return answer(req, res, 'wall-playlist', adcode, scope.status, { error: scope.error });
    for (const [i, { scene }] of entries.entries()) {
      const outside = scene.kind === 'focus' ? insideRefusal(scope, scene.adcode, `entries[${i}].scene.adcode`) : undefined;
      if (outside) return answer(req, res, 'wall-playlist', adcode, outside.status, { error: outside.error });
    }
    const username = accountOf(res)?.username;
    const playlist: Playlist | null =
      entries.length === 0 ? null : { scope: scope.adcode, entries, by: username === undefined ? '管理员' : nameOf(username), setAt: new Date(realNow()).toISOString() };
    await store.setPlaylist(scope.adcode, playlist);
    await directions.reload();
    return answer(req, res, 'wall-playlist', adcode, 200, playlist ?? { scope: scope.adcode, entries: [] });
  });
  return router;
}
