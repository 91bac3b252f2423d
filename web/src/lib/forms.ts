/**
 * Form helpers shared by every screen: the contract's checks in the UI language, server field
 * errors split from the rest, and focus moved to the first field that needs attention.
 */
import { translateFieldMessage, type Language } from '@airtalk/contracts';
import { flushSync } from 'react-dom';
import type { ApiError } from './api';

export type FieldErrors<Name extends string> = Partial<Record<Name, string>>;

/** The part of a contract (zod) schema a form needs. */
export interface FieldSchema {
  safeParse(input: unknown): { success: true } | { success: false; error: { issues: readonly { message: string }[] } };
}

/** The contract's message for a value, or undefined when the value is fine. Empty means "required". */
export function checkField(schema: FieldSchema, value: string, language: Language): string | undefined {
  if (value.trim() === '') return translateFieldMessage('field.required', language);
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return translateFieldMessage(result.error.issues[0]?.message ?? 'field.invalid', language);
}

export function requireValue(value: string, language: Language): string | undefined {
  return value.trim() === '' ? translateFieldMessage('field.required', language) : undefined;
}

export function hasErrors(errors: Partial<Record<string, string>>): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/**
 * Splits a server error into messages for the form's own fields and the rest, which the form
 * shows above its button. The server already wrote the messages in the request's language.
 */
export function splitServerErrors<Name extends string>(
  error: ApiError,
  names: readonly Name[],
): { fields: FieldErrors<Name>; others: string[] } {
  const fields: FieldErrors<Name> = {};
  const others: string[] = [];
  for (const [name, message] of Object.entries(error.fields)) {
    if ((names as readonly string[]).includes(name)) fields[name as Name] = message;
    else others.push(message);
  }
  return { fields, others };
}

/**
 * Shows the errors now and moves focus to the first invalid field, so keyboard and screen reader
 * users land on the problem and hear its message (linked through aria-describedby).
 */
export function showErrorsAndFocus(form: HTMLFormElement | null, render: () => void): void {
  flushSync(render);
  const firstInvalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  firstInvalid?.focus();
}
