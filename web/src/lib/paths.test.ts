import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSameSitePath } from './paths';

describe('isSameSitePath', () => {
  it.each(['/', '/settings/security', '/policy#rights', '/login?next=%2Fsettings'])('keeps %s', (path) => {
    expect(isSameSitePath(path)).toBe(true);
  });

  it.each([
    '//evil.com',
    '/\\evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    '/\r\\evil.com',
    'https://evil.com',
    'javascript:alert(1)',
    '',
    'settings',
  ])('refuses %j', (path) => {
    expect(isSameSitePath(path)).toBe(false);
  });

  it('never accepts a path that a browser resolves to another origin', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', 'a', '.', ':', '@', '%', '?', '#') }),
        (tail) => {
          const path = `/${tail}`;
          if (isSameSitePath(path))
            expect(new URL(path, 'https://airtalk.example').origin).toBe('https://airtalk.example');
        },
      ),
    );
  });
});
