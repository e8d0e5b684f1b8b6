// An alert target saved through the API as an admin would (issue 26), for the tests that need a
// robot to send to.
import { asAccount, type SignedIn } from './accounts';

export async function addAlertTarget(url: string, admin: SignedIn, target: Record<string, unknown>): Promise<void> {
  const answer = await asAccount(url, admin, '/api/v1/alert-targets', { method: 'POST', csrf: true, body: JSON.stringify(target) });
  if (answer.status !== 201) throw new Error(`adding alert target ${String(target['name'])} answered ${answer.status}: ${await answer.text()}`);
}
