// The bodies of POST /api/v1/walls/scene and PUT /api/v1/walls/playlist (issue 25), checked at
// the edge with errors that name the field. Where a field must lie inside a scope (a focus, the
// devices, the scope itself) the route checks it against who asks (scene-route.ts).
import { z } from 'zod';
import { eventIdSchema, freeText } from '../../shared/schema/events';
import { usernameSchema } from '../accounts/account';
import { BRIEFING_PERIODS, DEFAULT_SCENE_MINUTES, MAX_SCENE_MINUTES } from '../../shared/protocol/wall-scene';

export const WALLS_BODY_BYTES = 16 * 1024;
/** A playlist long enough for a tour of the province's 11 cities and more, and no longer. */
export const MAX_PLAYLIST_ENTRIES = 50;

const adcode = z.string({ error: 'must be a 6-digit adcode' }).regex(/^\d{6}$/, 'must be a 6-digit adcode');

const live = z.strictObject({ kind: z.literal('live') });
const briefing = z.strictObject({ kind: z.literal('briefing'), period: z.enum(BRIEFING_PERIODS, { error: `must be one of ${BRIEFING_PERIODS.join(', ')}` }) });
const focus = z.strictObject({ kind: z.literal('focus'), adcode });
const escalation = z.strictObject({ kind: z.literal('escalation'), warningId: eventIdSchema });
const message = z.strictObject({ kind: z.literal('message'), text: freeText(120).trim().min(1, 'must not be empty') });
const freeze = z.strictObject({ kind: z.literal('freeze') });
const identify = z.strictObject({ kind: z.literal('identify') });
const reload = z.strictObject({ kind: z.literal('reload') });

const KIND_ERROR = 'must be one of live, briefing, focus, escalation, message, freeze, identify, reload';
export const sceneSchema = z.discriminatedUnion('kind', [live, briefing, focus, escalation, message, freeze, identify, reload], {
  error: (issue) => (issue.code === 'invalid_union' ? KIND_ERROR : undefined),
});

export const sceneRequestSchema = z.strictObject({
  scope: adcode,
  devices: z.array(usernameSchema).min(1, 'must name at least one device, or be left out').max(100, 'must name at most 100 devices').optional(),
  scene: sceneSchema,
  minutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(MAX_SCENE_MINUTES, `must be at most ${MAX_SCENE_MINUTES}`)
    .default(DEFAULT_SCENE_MINUTES),
});
export type SceneRequest = z.infer<typeof sceneRequestSchema>;

const playlistScene = z.discriminatedUnion('kind', [live, briefing, focus], {
  error: (issue) => (issue.code === 'invalid_union' ? 'must be one of live, briefing, focus' : undefined),
});

export const playlistRequestSchema = z.strictObject({
  scope: adcode,
  /** Empty: the scope's walls have no playlist any more. */
  entries: z
    .array(
      z.strictObject({
        scene: playlistScene,
        seconds: z.number({ error: 'must be a number of seconds' }).int('must be whole seconds').min(5, 'must be at least 5').max(3_600, 'must be at most 3600'),
      }),
    )
    .max(MAX_PLAYLIST_ENTRIES, `must hold at most ${MAX_PLAYLIST_ENTRIES} entries`),
});
export type PlaylistRequest = z.infer<typeof playlistRequestSchema>;
