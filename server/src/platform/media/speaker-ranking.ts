/**
 * Who is loud enough to be forwarded. Levels come from the audio-level RTP header extension
 * (RFC 6464: 0..127 = −dBov, 127 = silence), so the SFU ranks speakers without decoding audio.
 * The ranking is sticky: a speaker in the top set keeps their place until a challenger is clearly
 * louder, so two people talking at similar levels do not swap slots every tick (each swap is a
 * talkspurt boundary for every listener).
 */

/** Below −60 dBov is room noise, not speech, for ranking and rings alike. */
const LEVEL_FLOOR_DBOV = 60;
/** Weight of the newest window in the smoothed level: a time constant of about two ticks. */
const SMOOTHING_NEW_WEIGHT = 0.5;
/** How much louder (on the 0..1 scale) a challenger must be to take a place in the top set. */
export const TAKEOVER_MARGIN = 0.1;

/** −dBov (0 loudest, 127 silence) → 0..1 on a 60 dB scale. */
export function levelFromDbov(dbov: number): number {
  return Math.max(0, Math.min(1, (LEVEL_FLOOR_DBOV - dbov) / LEVEL_FLOOR_DBOV));
}

export class SpeakerLevel {
  private windowSum = 0;
  private windowCount = 0;
  /** Smoothed 0..1 level as of the last tick. */
  level = 0;

  addPacket(dbov: number): void {
    this.windowSum += levelFromDbov(dbov);
    this.windowCount += 1;
  }

  /** Closes the window; a window without packets (DTX silence, muted, gone) counts as silence. */
  tick(): number {
    const windowLevel = this.windowCount === 0 ? 0 : this.windowSum / this.windowCount;
    this.level = (1 - SMOOTHING_NEW_WEIGHT) * this.level + SMOOTHING_NEW_WEIGHT * windowLevel;
    if (this.level < 0.001) this.level = 0;
    this.windowSum = 0;
    this.windowCount = 0;
    return this.level;
  }
}

/**
 * The room's speakers in forwarding order: the sticky top `topCount`, then everyone else by level.
 * A listener takes the first `topCount` that are not themselves, so a speaker in the top set hears
 * the next loudest in their own place.
 */
export function rankSpeakers(
  previousTop: readonly string[],
  levels: ReadonlyMap<string, number>,
  topCount: number,
): string[] {
  const byLevel = [...levels.keys()].sort((a, b) => (levels.get(b) ?? 0) - (levels.get(a) ?? 0) || (a < b ? -1 : 1));
  const top = previousTop.filter((id) => levels.has(id));
  for (const id of byLevel) {
    if (top.includes(id)) continue;
    if (top.length < topCount) {
      top.push(id);
      continue;
    }
    const levelOf = (candidate: string): number => levels.get(candidate) ?? 0;
    let weakestIndex = 0;
    top.forEach((candidate, i) => {
      if (levelOf(candidate) < levelOf(top[weakestIndex] ?? candidate)) weakestIndex = i;
    });
    if (levelOf(id) > levelOf(top[weakestIndex] ?? id) + TAKEOVER_MARGIN) top[weakestIndex] = id;
    else break; // byLevel is sorted: nobody after this one is louder.
  }
  return [...top, ...byLevel.filter((id) => !top.includes(id))];
}
