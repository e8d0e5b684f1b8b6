// Walls are seen by visitors, cameras and briefings: victims appear masked everywhere
// outside the operators' authenticated channel (domain.md, "Privacy").

/** 13812341234 → 138****1234. Short numbers keep at most their first and last two digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 7) return `${phone.slice(0, 2)}****${phone.slice(-2)}`;
  return `${phone.slice(0, 1)}****`;
}

/** 刘洋 → 刘*, 欧阳娜娜 → 欧*: the first character and one mask, whatever the length. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first === undefined ? '*' : `${first}*`;
}

/**
 * Free text shown on a wall (a police station's name, say) may still quote a number: every run
 * of five or more digits, spaces, dots or dashes between them included, is masked like a phone.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\p{Nd}(?:[\s.\-]?\p{Nd}){4,}/gu, (run) => maskPhone(run.replace(/[^\p{Nd}]/gu, '')));
}
