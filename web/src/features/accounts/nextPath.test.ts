import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './nextPath';

const ORIGIN = 'https://airtalk.example';

/** Where a browser would go if the app navigated to `path` from one of its own pages. */
const resolve = (path: string) => new URL(path, `${ORIGIN}/login`);

const searchWithNext = (next: string) => `?next=${encodeURIComponent(next)}`;

describe('safeNextPath', () => {
  it('returns same-site paths unchanged', () => {
    expect(safeNextPath(searchWithNext('/security'))).toBe('/security');
    expect(safeNextPath(searchWithNext('/settings/privacy?tab=1#top'))).toBe('/settings/privacy?tab=1#top');
    expect(safeNextPath(searchWithNext('/'))).toBe('/');
  });

  it('accepts the search string with or without its leading "?"', () => {
    expect(safeNextPath('next=%2Fsecurity')).toBe('/security');
    expect(safeNextPath('?next=%2Fsecurity')).toBe('/security');
  });

  it('falls back to the home page when there is no next parameter', () => {
    expect(safeNextPath('')).toBe('/');
    expect(safeNextPath('?')).toBe('/');
    expect(safeNextPath('?other=%2Fsecurity')).toBe('/');
    expect(safeNextPath('?next=')).toBe('/');
  });

  it('uses the first next parameter when there are several', () => {
    expect(safeNextPath('?next=%2Fsecurity&next=%2F%2Fevil.com')).toBe('/security');
    expect(safeNextPath('?next=%2F%2Fevil.com&next=%2Fsecurity')).toBe('/');
  });

  it.each([
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/login'],
    ['many slashes', '///evil.com'],
    ['backslash after slash', '/\\evil.com'],
    ['two backslashes after slash', '/\\\\evil.com'],
    ['backslash only', '\\evil.com'],
    ['backslash then slash', '\\/evil.com'],
    ['absolute https', 'https://evil.com'],
    ['absolute http', 'http://evil.com/'],
    ['scheme without slashes', 'https:evil.com'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript upper case', 'JavaScript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['relative path', 'security'],
    ['dot path', '../security'],
    ['leading space', ' /security'],
    ['host only', 'evil.com'],
  ])('rejects %s (%s)', (_name, next) => {
    expect(safeNextPath(searchWithNext(next))).toBe('/');
  });

  it('rejects off-site targets that arrive percent-encoded or raw in the query', () => {
    expect(safeNextPath('?next=%2F%2Fevil.com')).toBe('/');
    expect(safeNextPath('?next=//evil.com')).toBe('/');
    expect(safeNextPath('?next=%2F%5Cevil.com')).toBe('/');
    expect(safeNextPath('?next=https%3A%2F%2Fevil.com')).toBe('/');
    expect(safeNextPath('?next=https://evil.com')).toBe('/');
    expect(safeNextPath('?next=javascript%3Aalert(1)')).toBe('/');
  });

  it('keeps a path whose encoded slashes stay inside the path', () => {
    const next = safeNextPath('?next=%2F%252F%252Fevil.com');
    expect(next).toBe('/%2F%2Fevil.com');
    expect(resolve(next).origin).toBe(ORIGIN);
  });

  it('always returns a path that starts with one slash and no backslash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (search) => {
        const next = safeNextPath(search);
        expect(next.startsWith('/')).toBe(true);
        expect(next.startsWith('//')).toBe(false);
        expect(next.startsWith('/\\')).toBe(false);
      }),
    );
  });

  it('never returns a path that leaves the origin (hostile-looking inputs)', () => {
    // Tab, line feed and carriage return are left out of this alphabet on purpose: see the report
    // on "/\t/evil.com", which browsers read as "//evil.com".
    const piece = fc.constantFrom(
      '/',
      '\\',
      '//',
      '/\\',
      ':',
      '.',
      '@',
      '?',
      '#',
      '%',
      '%2F',
      '%5C',
      ' ',
      '\u0000',
      'evil.com',
      'https',
      'javascript',
      'data',
      'security',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join('')),
        (next) => {
          const result = safeNextPath(searchWithNext(next));
          expect(resolve(result).origin).toBe(ORIGIN);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps every ordinary web path as it is', () => {
    fc.assert(
      fc.property(fc.webPath({ size: 'medium' }), fc.webQueryParameters(), (path, query) => {
        const target = `/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
        expect(safeNextPath(searchWithNext(target))).toBe(target);
        expect(resolve(target).origin).toBe(ORIGIN);
      }),
    );
  });
});

describe('loginPathFor', () => {
  it('sends people to the plain login page from the home page', () => {
    expect(loginPathFor('/')).toBe('/login');
  });

  it('encodes the page to return to', () => {
    expect(loginPathFor('/security')).toBe('/login?next=%2Fsecurity');
    expect(loginPathFor('/settings?tab=a&b=c#x')).toBe('/login?next=%2Fsettings%3Ftab%3Da%26b%3Dc%23x');
  });

  it('round-trips through safeNextPath for same-site paths', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const returnTo = `/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
        const login = new URL(loginPathFor(returnTo), ORIGIN);
        expect(login.pathname).toBe('/login');
        expect(safeNextPath(login.search)).toBe(returnTo);
      }),
    );
  });
});

describe('safeNextPath against browser URL clean-up', () => {
  it.each(['?next=/%09/evil.com', '?next=/%0A/evil.com', '?next=/%0D%5Cevil.com', '?next=/%09%5Cevil.com'])(
    'sends %s home, since browsers drop tabs and line breaks',
    (search) => {
      expect(safeNextPath(search)).toBe('/');
    },
  );
});
