// The walls' remote (issue 25), as the signed-in account calls it — from the console's 大屏控制
// tab and from a leader's briefing: every change with the session's CSRF token.
import { apiCall, type Answer } from '../account/api-call';
import type { PushedScene, Scene, WallControlView } from '../../shared/protocol/wall-scene';

export interface SceneOrder {
  scope: string;
  scene: Scene;
  devices?: string[];
  minutes?: number;
}

export class SceneApi {
  constructor(private readonly csrfToken: string) {}

  push(order: SceneOrder): Promise<Answer<PushedScene | { scope: string; scene: null }>> {
    return apiCall('/api/v1/walls/scene', this.csrfToken, { method: 'POST', body: JSON.stringify(order) });
  }

  /** Back to their own schedule: the scope's lasting scene ends. */
  end(scope: string): Promise<Answer<{ scope: string; scene: null }>> {
    return apiCall(`/api/v1/walls/scene?scope=${encodeURIComponent(scope)}`, this.csrfToken, { method: 'DELETE' });
  }

  control(scope?: string): Promise<Answer<WallControlView>> {
    return apiCall(`/api/v1/walls/control${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`, this.csrfToken);
  }
}
