import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { checkField, hasErrors, requireValue, splitServerErrors, type FieldSchema } from './forms';

/** A stand-in for a contract schema: accepts values with an "@", else reports the given message key. */
const emailLike = (messageKey: string | undefined): FieldSchema => ({
  safeParse: (input: unknown) =>
    typeof input === 'string' && input.includes('@')
      ? { success: true }
      : { success: false, error: { issues: messageKey === undefined ? [] : [{ message: messageKey }] } },
});

describe('checkField', () => {
  it('accepts a value the schema accepts', () => {
    expect(checkField(emailLike('field.invalid'), 'a@example.com', 'en')).toBeUndefined();
  });

  it('says an empty or blank value is required, before asking the schema', () => {
    expect(checkField(emailLike('field.invalid'), '', 'en')).toBe('This field is required.');
    expect(checkField(emailLike('field.invalid'), '   ', 'zh')).toBe('此项为必填项。');
  });

  it('translates the schema’s message', () => {
    expect(checkField(emailLike('field.invalid'), 'nope', 'en')).toBe('This value is not valid.');
    expect(checkField(emailLike('field.invalid'), 'nope', 'zh')).toBe('该值无效。');
  });

  it('falls back to "not valid" when the schema gives no message', () => {
    expect(checkField(emailLike(undefined), 'nope', 'en')).toBe('This value is not valid.');
  });
});

describe('requireValue', () => {
  it('asks for blank values only', () => {
    expect(requireValue('', 'en')).toBe('This field is required.');
    expect(requireValue(' \t', 'en')).toBe('This field is required.');
    expect(requireValue('x', 'en')).toBeUndefined();
  });
});

describe('hasErrors', () => {
  it('is true only when some field has a message', () => {
    expect(hasErrors({})).toBe(false);
    expect(hasErrors({ email: undefined })).toBe(false);
    expect(hasErrors({ email: undefined, password: 'Too short' })).toBe(true);
    expect(hasErrors({ email: '' })).toBe(true);
  });
});

describe('splitServerErrors', () => {
  it('puts the form’s own fields on the fields and everything else above the button', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid',
      fields: { email: 'Email taken', password: 'Too short', policyVersion: 'Outdated' },
    });
    expect(splitServerErrors(error, ['email', 'password'] as const)).toEqual({
      fields: { email: 'Email taken', password: 'Too short' },
      others: ['Outdated'],
    });
  });

  it('has nothing to split when the server named no fields', () => {
    const error = new ApiError({ status: 500, code: 'INTERNAL', message: 'Oops' });
    expect(splitServerErrors(error, ['email'] as const)).toEqual({ fields: {}, others: [] });
  });

  it('does not treat inherited property names as fields', () => {
    const error = new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: 'x', fields: { toString: 'odd' } });
    expect(splitServerErrors(error, ['email'] as const)).toEqual({ fields: {}, others: ['odd'] });
  });
});
