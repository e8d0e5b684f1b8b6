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
