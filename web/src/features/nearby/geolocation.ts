/**
 * The browser's location, asked for once and coarsely: no high accuracy, a recent fix is fine,
 * and the answer is rounded before it leaves the device. The server keeps only a ~1 km area anyway.
 */

export type GeolocationProblem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export class GeolocationFailure extends Error {
  readonly problem: GeolocationProblem;

  constructor(problem: GeolocationProblem) {
    super(`Geolocation failed: ${problem}`);
    this.name = 'GeolocationFailure';
    this.problem = problem;
  }
}

export function isGeolocationFailure(error: unknown): error is GeolocationFailure {
  return error instanceof GeolocationFailure;
}

/** Three decimal places is about 110 m: finer than the server's ~1 km area, coarser than a street address. */
const DECIMALS = 3;

export function roundCoordinate(value: number): number {
  const factor = 10 ** DECIMALS;
  const rounded = Math.round(value * factor) / factor;
  // -0 reads oddly in a request body.
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Maps the browser's error codes (1 denied, 2 unavailable, 3 timeout) to our problems. */
export function problemOf(code: number): GeolocationProblem {
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  return 'unavailable';
}

const OPTIONS: PositionOptions = { enableHighAccuracy: false, timeout: 20_000, maximumAge: 10 * 60_000 };

/** The browser's API, which some browsers leave out on insecure pages or by policy. */
function browserGeolocation(): Geolocation | null {
  return 'geolocation' in navigator ? navigator.geolocation : null;
}

/** Opens the browser's own prompt (the first time) and resolves with rounded coordinates. */
export function currentPosition(geolocation: Geolocation | null = browserGeolocation()) {
  return new Promise<{ lat: number; lng: number }>((resolve, reject) => {
    if (!geolocation) {
      reject(new GeolocationFailure('unsupported'));
      return;
    }
    geolocation.getCurrentPosition(
      (position) => {
        resolve({ lat: roundCoordinate(position.coords.latitude), lng: roundCoordinate(position.coords.longitude) });
      },
      (error) => {
        reject(new GeolocationFailure(problemOf(error.code)));
      },
      OPTIONS,
    );
  });
}
