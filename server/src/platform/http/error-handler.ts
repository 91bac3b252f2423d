/**
 * The one place errors become HTTP answers: `{"error": {"code", "message", "fields"}}`.
 * Anything unexpected is logged and answered as a plain 500 without internals.
 */
import { pickLanguage, translateFieldMessage, type ErrorBody, type ErrorCode, type Language } from '@airtalk/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  keys?: string[];
}

/** Turns zod issues into one message key per field; the first problem of a field wins. */
export function fieldsFromIssues(issues: readonly ZodIssueLike[], language: Language): Record<string, string> {
  // No prototype: a field named "__proto__" must become a key, not replace the object's prototype.
  const fields = Object.create(null) as Record<string, string>;
  const put = (field: string, key: string) => {
    // Own properties only: a field named "constructor" must not find Object.prototype's.
    if (!Object.hasOwn(fields, field)) fields[field] = translateFieldMessage(key, language);
  };
  for (const issue of issues) {
    const prefix = (issue.path ?? []).map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) put(prefix ? `${prefix}.${key}` : key, 'field.unknown');
      continue;
    }
    const field = prefix || 'body';
    const message = issue.message ?? '';
    if (/^[a-zA-Z]+\.[a-zA-Z]+$/.test(message)) put(field, message);
    else if (issue.code === 'invalid_type') put(field, prefix ? 'field.required' : 'field.mustBeObject');
    else if (issue.code === 'too_big') put(field, 'field.tooLong');
    else put(field, 'field.invalid');
  }
  return fields;
}

function send(reply: FastifyReply, statusCode: number, body: ErrorBody, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined)
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  void reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

const fastifyCodeMap: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_REQUEST', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_REQUEST', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_REQUEST', message: 'Content-Length is wrong.' },
  FST_ERR_BAD_URL: { status: 400, code: 'MALFORMED_REQUEST', message: 'The URL is malformed.' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'MALFORMED_REQUEST', message: 'The request is malformed.' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    try {
      answer(error, request, reply);
    } catch (handlerError) {
      request.log.error({ err: handlerError, original: error }, 'error handler failed');
      send(reply, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
    }
  });
}

function translateFields(fields: Record<string, string>, language: Language): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, key]) => [field, translateFieldMessage(key, language)]),
  );
}

function answer(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const language = pickLanguage(request.headers['accept-language']);
  if (error instanceof AppError) {
    const fields = error.fields ? translateFields(error.fields, language) : undefined;
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } };
    send(reply, error.statusCode, body, error.retryAfterSeconds);
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A wrong id or enum in the path names no resource: that is "not found", not a form problem.
    if (error.validationContext === 'params') {
      send(reply, 404, { error: { code: 'NOT_FOUND', message: 'This resource was not found.' } });
      return;
    }
    const issues: ZodIssueLike[] = error.validation.map((entry) => ({
      code: entry.keyword,
      path: entry.instancePath.split('/').filter(Boolean),
      message: entry.message,
      keys: Array.isArray(entry.params.keys) ? (entry.params.keys as string[]) : [],
    }));
    const fields = fieldsFromIssues(issues, language);
    send(reply, 422, { error: { code: 'VALIDATION_FAILED', message: 'Some fields need attention.', fields } });
    return;
  }
  const mapped = error.code ? fastifyCodeMap[error.code] : undefined;
  if (mapped) {
    send(reply, mapped.status, { error: { code: mapped.code, message: mapped.message } });
    return;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'MALFORMED_REQUEST';
    send(reply, status, { error: { code, message: error.message } });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  send(reply, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
}
