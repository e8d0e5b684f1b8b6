// How a claim reads in an escalation's history on the console (issue 25): who took it, who let
// it go, who took it over from whom — by the names the room knows them by.
import type { ClaimEvent } from '../../shared/schema/claim-event';

export function claimLine(event: ClaimEvent, people: Readonly<Record<string, string>>): string {
  const name = (username: string) => people[username] ?? username;
  switch (event.action) {
    case 'claim':
      return `${name(event.by)} 认领处置`;
    case 'release':
      return `${name(event.by)} 释放认领`;
    case 'takeover':
      return `${name(event.by)} 接手处置${event.from === undefined ? '' : `（原 ${name(event.from)}）`}`;
  }
}
