// A list the console reads from an operator endpoint: what it last got, or why it could not
// read it (in Chinese), kept until the next read succeeds.
import type { Answer } from '../account/api-call';
import { explainReadFailure } from './refusal';

export class OperatorList<T> {
  items = $state.raw<T[]>([]);
  error = $state('');

  constructor(private readonly read: () => Promise<Answer<T[]>>) {}

  async load(): Promise<void> {
    const answer = await this.read();
    if (answer.ok) {
      this.items = answer.value;
      this.error = '';
    } else this.error = explainReadFailure(answer.status);
  }
}
