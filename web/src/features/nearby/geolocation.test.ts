import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentPosition, GeolocationFailure, problemOf, roundCoordinate } from './geolocation';

/** A stand-in for the browser's API that answers with a position or an error code. */
function fakeGeolocation(answer: { lat: number; lng: number } | { code: number }): Geolocation {
  return {
    getCurrentPosition: (success, failure) => {
      if ('code' in answer) failure?.({ code: answer.code } as GeolocationPositionError);
      else success({ coords: { latitude: answer.lat, longitude: answer.lng } } as GeolocationPosition);
    },
    watchPosition: () => 0,
    clearWatch: () => undefined,
  };
}

describe('roundCoordinate', () => {
  it('keeps three decimal places (about 110 m)', () => {
    expect(roundCoordinate(31.230416)).toBe(31.23);
    expect(roundCoordinate(121.473701)).toBe(121.474);
    expect(roundCoordinate(-0.00001)).toBe(0);
    expect(Object.is(roundCoordinate(-0.0001), 0)).toBe(true);
  });

  it('never moves a point by more than half a thousandth of a degree, nor out of range', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (value) => {
        const rounded = roundCoordinate(value);
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(0.0005 + 1e-9);
        expect(Math.abs(rounded)).toBeLessThanOrEqual(180);
      }),
    );
  });
});

describe('problemOf', () => {
  it('maps the browser’s codes', () => {
    expect(problemOf(1)).toBe('denied');
    expect(problemOf(2)).toBe('unavailable');
    expect(problemOf(3)).toBe('timeout');
    expect(problemOf(99)).toBe('unavailable');
  });
});

describe('currentPosition', () => {
  it('resolves with rounded coordinates', async () => {
    await expect(currentPosition(fakeGeolocation({ lat: 31.230416, lng: 121.473701 }))).resolves.toEqual({
      lat: 31.23,
      lng: 121.474,
    });
  });

  it('rejects with the problem when the browser says no', async () => {
    await expect(currentPosition(fakeGeolocation({ code: 1 }))).rejects.toMatchObject({ problem: 'denied' });
    await expect(currentPosition(fakeGeolocation({ code: 3 }))).rejects.toBeInstanceOf(GeolocationFailure);
  });

  it('says unsupported when there is no API', async () => {
    await expect(currentPosition(null)).rejects.toMatchObject({ problem: 'unsupported' });
  });
});
