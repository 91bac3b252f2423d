/**
 * Paths that stay on this site. Browsers read "//host" and "/\host" as another host, and drop tabs
 * and line breaks before parsing, so "/\t/evil.example" leaves too: only a plain "/…" path passes.
 */
function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || char === '\\') return true;
  }
  return false;
}

export function isSameSitePath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !hasUnsafeCharacter(value);
}
