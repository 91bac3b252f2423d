import { describe, expect, it } from 'vitest';
import { mayInteract } from './blocks.policy.js';

describe('mayInteract', () => {
  it.each([
    [false, false, true],
    [true, false, false],
    [false, true, false],
    [true, true, false],
  ])('a blocked b: %s, b blocked a: %s → may interact: %s', (aBlockedB, bBlockedA, expected) => {
    expect(mayInteract({ aBlockedB, bBlockedA })).toBe(expected);
  });
});
