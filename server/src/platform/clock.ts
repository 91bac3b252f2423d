/**
 * Time as a dependency, so tests can stand on any day (a 29 February, an 18th birthday).
 */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private currentMs: number) {}
  nowMs(): number {
    return this.currentMs;
  }
  set(isoOrMs: string | number): void {
    this.currentMs = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
  }
  advance(ms: number): void {
    this.currentMs += ms;
  }
}
