import { BIO_MAX_LENGTH, CITY_MAX_LENGTH, fieldMessages } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import { checkBio, checkCity, checkInterests, checkNickname, contactInfoMessage } from './profileChecks';

describe('contactInfoMessage', () => {
  it('says nothing about ordinary text', () => {
    expect(contactInfoMessage('I love hiking and hotpot 🍲', 'en')).toBeUndefined();
    expect(contactInfoMessage('', 'en')).toBeUndefined();
  });

  it('uses the shared guard’s message, in the UI language', () => {
    expect(contactInfoMessage('call me 139-1234-5678', 'en')).toBe(fieldMessages['contactInfo.phone'].en);
    expect(contactInfoMessage('电话13812345678', 'zh')).toBe(fieldMessages['contactInfo.phone'].zh);
    expect(contactInfoMessage('write to lin@example.com', 'en')).toBe(fieldMessages['contactInfo.email'].en);
  });
});

describe('checkNickname', () => {
  it('asks for a nickname and keeps the contract’s length rule', () => {
    expect(checkNickname('  ', 'en')).toBe(fieldMessages['field.required'].en);
    expect(checkNickname('x'.repeat(31), 'en')).toBe(fieldMessages['nickname.length'].en);
    expect(checkNickname('Lin', 'en')).toBeUndefined();
  });

  it('refuses contact details', () => {
    expect(checkNickname('Lin 13812345678', 'zh')).toBe(fieldMessages['contactInfo.phone'].zh);
  });
});

describe('checkBio and checkCity', () => {
  it('may be empty', () => {
    expect(checkBio('', 'en')).toBeUndefined();
    expect(checkCity('', 'en')).toBeUndefined();
  });

  it('counts the trimmed text against the limit, as the server does', () => {
    expect(checkBio(`  ${'a'.repeat(BIO_MAX_LENGTH)}  `, 'en')).toBeUndefined();
    expect(checkBio('a'.repeat(BIO_MAX_LENGTH + 1), 'en')).toBe(fieldMessages['field.tooLong'].en);
    expect(checkCity('b'.repeat(CITY_MAX_LENGTH + 1), 'zh')).toBe(fieldMessages['field.tooLong'].zh);
  });

  it('refuses contact details', () => {
    expect(checkBio('Say hi: lin@example.com', 'en')).toBe(fieldMessages['contactInfo.email'].en);
  });
});

describe('checkInterests', () => {
  it('finds each tag holding contact details, with its index', () => {
    const problems = checkInterests(['music', 'hiking', '13812345678'], 'en');
    expect(problems).toEqual([{ index: 2, tag: '13812345678', message: fieldMessages['contactInfo.phone'].en }]);
  });

  it('is empty for ordinary tags', () => {
    expect(checkInterests(['music', 'Street food', '火锅'], 'zh')).toEqual([]);
  });
});
