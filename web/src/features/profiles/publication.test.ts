import { fieldMessages, publicFields } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import { checkHandle, normalizeHandle, publicPageAddress, savedOutcome, toggleField } from './publication';

describe('normalizeHandle', () => {
  it('trims and lowercases what was typed', () => {
    expect(normalizeHandle('  Lin.Wei_88 ')).toBe('lin.wei_88');
    expect(normalizeHandle('')).toBe('');
  });
});

describe('checkHandle', () => {
  it('accepts what the contract accepts', () => {
    expect(checkHandle('lin', 'en')).toBeUndefined();
    expect(checkHandle('lin.wei_88', 'en')).toBeUndefined();
    expect(checkHandle(`a${'b'.repeat(29)}`, 'en')).toBeUndefined();
  });

  it('asks for a handle when it is empty', () => {
    expect(checkHandle('', 'en')).toBe(fieldMessages['field.required'].en);
    expect(checkHandle('   ', 'zh')).toBe(fieldMessages['field.required'].zh);
  });

  it('uses the contract’s message for the wrong shape, in the UI language', () => {
    for (const bad of ['li', '1lin', '_lin', 'Lin', 'lin wei', 'lin-wei', 'lín', `a${'b'.repeat(30)}`]) {
      expect(checkHandle(bad, 'en')).toBe(fieldMessages['handle.invalid'].en);
    }
    expect(checkHandle('li', 'zh')).toBe(fieldMessages['handle.invalid'].zh);
  });

  it('refuses contact details that fit the pattern, with the server’s words', () => {
    expect(checkHandle('lin13812345678', 'en')).toBe(fieldMessages['contactInfo.phone'].en);
    expect(checkHandle('wx13812345678', 'zh')).toBe(fieldMessages['contactInfo.wechat'].zh);
    expect(checkHandle('qq12345678', 'en')).toBe(fieldMessages['contactInfo.qq'].en);
  });
});

describe('publicPageAddress', () => {
  it('puts the handle under /u/ on the given origin', () => {
    expect(publicPageAddress('https://airtalk.example', 'lin')).toBe('https://airtalk.example/u/lin');
    expect(publicPageAddress('http://localhost:8093/', 'lin.wei')).toBe('http://localhost:8093/u/lin.wei');
  });

  it('leaves the end open while there is no handle yet, and never lets typing break out of the path', () => {
    expect(publicPageAddress('https://airtalk.example', '')).toBe('https://airtalk.example/u/');
    expect(publicPageAddress('https://airtalk.example', '../x?y')).toBe('https://airtalk.example/u/..%2Fx%3Fy');
  });
});

describe('toggleField', () => {
  it('adds and removes, keeping the contract’s order', () => {
    expect(toggleField([], 'city', true)).toEqual(['city']);
    expect(toggleField(['city'], 'nickname', true)).toEqual(['nickname', 'city']);
    expect(toggleField(['nickname', 'age', 'city'], 'age', false)).toEqual(['nickname', 'city']);
  });

  it('does not duplicate, and ticking everything gives every field once', () => {
    expect(toggleField(['bio'], 'bio', true)).toEqual(['bio']);
    const all = publicFields.reduce<ReturnType<typeof toggleField>>(
      (chosen, field) => toggleField(chosen, field, true),
      [],
    );
    expect(all).toEqual([...publicFields]);
  });
});

describe('savedOutcome', () => {
  it('tells going live, changing a live page, taking it down and a private save apart', () => {
    expect(savedOutcome({ published: false }, { published: true })).toBe('published');
    expect(savedOutcome({ published: true }, { published: true })).toBe('updated');
    expect(savedOutcome({ published: true }, { published: false })).toBe('unpublished');
    expect(savedOutcome({ published: false }, { published: false })).toBe('saved');
  });
});
