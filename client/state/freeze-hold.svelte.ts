// A wall frozen by the room (issue 25): the moment on the wall's clock it was frozen at, while it is.
export class FreezeHold {
  at = $state<number | undefined>(undefined);

  /** Follows the scene: starts holding at `now` when a freeze begins, and says when it has just ended. */
  follow(freezing: boolean, now: number): 'ended' | undefined {
    if (freezing && this.at === undefined) this.at = now;
    else if (!freezing && this.at !== undefined) {
      this.at = undefined;
      return 'ended';
    }
    return undefined;
  }
}
