/**
 * How long to wait before the next attempt to reach the chat server: half a second, doubling up
 * to fifteen, each wait drawn from its upper half so that thousands of clients dropped by the same
 * restart do not all come back in the same instant.
 */
export const RECONNECT_FIRST_DELAY_MS = 500;
export const RECONNECT_MAX_DELAY_MS = 15_000;

/** `attempt` counts failed attempts since the last good connection, from 0; `random` is in [0, 1). */
export function reconnectDelayMs(attempt: number, random: number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceilingMs = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** exponent);
  const jitter = Math.min(Math.max(random, 0), 1);
  return Math.round(ceilingMs / 2 + (ceilingMs / 2) * jitter);
}
