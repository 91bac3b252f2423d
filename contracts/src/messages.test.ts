import { describe, expect, it } from 'vitest';
import { fieldMessages, pickLanguage, translateFieldMessage } from './messages.js';

describe('messages', () => {
  it('has every field message in English and Chinese', () => {
    for (const [key, texts] of Object.entries(fieldMessages)) {
      expect(texts.en.length, key).toBeGreaterThan(0);
      expect(texts.zh, key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('translates known keys and passes unknown text through', () => {
    expect(translateFieldMessage('email.invalid', 'zh')).toBe('请输入有效的邮箱地址。');
    expect(translateFieldMessage('Something else', 'zh')).toBe('Something else');
  });

  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,zh-TW;q=0.5', 'zh'],
    ['de;q=1, en;q=0.1', 'en'],
    ['en;q=0.2, zh;q=0.9', 'zh'],
    ['', 'en'],
    [undefined, 'en'],
    ['zh;q=0', 'en'],
  ])('picks the language for %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});
