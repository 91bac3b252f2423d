/**
 * The one way the app talks to the Airtalk API: same-origin JSON with the session cookie,
 * the UI language in Accept-Language, and every failure turned into an ApiError.
 */
import { ErrorBodySchema, type ErrorCode, type Language } from '@airtalk/contracts';

/** Codes the server sends, plus the two failures that happen before an answer arrives. */
export type ApiErrorCode = ErrorCode | 'NETWORK_FAILED' | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Field name → message already in the request's language. */
  readonly fields: Readonly<Record<string, string>>;
  /** From Retry-After on 429 and 503; null when the server gave no hint. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    status: number;
    code: ApiErrorCode;
    message: string;
    fields?: Record<string, string>;
    retryAfterSeconds?: number | null;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type ApiErrorListener = (error: ApiError, path: string) => void;

let acceptLanguage: Language = 'en';
const errorListeners = new Set<ApiErrorListener>();

/** Field errors come back in this language; the i18n setup keeps it in step with the UI. */
export function setApiLanguage(language: Language): void {
  acceptLanguage = language;
}

/** Lets app-wide state react to failures such as an ended session, wherever the request came from. */
export function onApiError(listener: ApiErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** The part of a contract (zod) schema the client needs, so the app checks answers without knowing zod. */
export interface ResponseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

/** Sends a request whose answer carries a body, and checks that body against the contract schema. */
export async function requestJson<T>(
  path: string,
  schema: ResponseSchema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'UNEXPECTED_RESPONSE', message: parsed.error.message });
  }
  return parsed.data;
}

/** Sends a request whose answer has no body worth reading (204, 202). */
export async function requestVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

async function send(path: string, { method = 'GET', body, signal }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_FAILED', message: String(cause) });
  }
  if (response.ok) return response;
  const error = await toApiError(response);
  for (const listener of errorListeners) listener(error, path);
  throw error;
}

export interface UploadOptions {
  /** Called as the body goes out: bytes sent so far, and the total when the browser knows it. */
  onProgress?: (sent: number, total: number | null) => void;
  signal?: AbortSignal;
}

/**
 * Sends a multipart form with XMLHttpRequest, because fetch cannot report upload progress.
 * Same origin, the session cookie and Accept-Language as for JSON; failures become ApiErrors the
 * same way, and aborting rejects with an AbortError.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  schema: ResponseSchema<T>,
  { onProgress, signal }: UploadOptions = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => {
      xhr.abort();
    };
    const settle = () => signal?.removeEventListener('abort', onAbortSignal);
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage);
    xhr.upload.addEventListener('progress', (event) => {
      onProgress?.(event.loaded, event.lengthComputable ? event.total : null);
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(abortError());
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new ApiError({ status: 0, code: 'NETWORK_FAILED', message: 'The upload failed to reach the server.' }));
    });
    xhr.addEventListener('load', () => {
      settle();
      if (xhr.status < 200) {
        reject(new ApiError({ status: 0, code: 'NETWORK_FAILED', message: 'The upload got no answer.' }));
        return;
      }
      const retryAfter = xhr.getResponseHeader('Retry-After');
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: retryAfter === null ? {} : { 'Retry-After': retryAfter },
      });
      void answerOf(response, path, schema).then(resolve, reject);
    });
    signal?.addEventListener('abort', onAbortSignal);
    xhr.send(form);
  });
}

async function answerOf<T>(response: Response, path: string, schema: ResponseSchema<T>): Promise<T> {
  if (!response.ok) {
    const error = await toApiError(response);
    for (const listener of errorListeners) listener(error, path);
    throw error;
  }
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'UNEXPECTED_RESPONSE', message: parsed.error.message });
  }
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  const parsed = ErrorBodySchema.safeParse(await readJson(response));
  if (!parsed.success) {
    return new ApiError({
      status: response.status,
      code: fallbackCode(response.status),
      message: response.statusText,
      retryAfterSeconds,
    });
  }
  const { code, message, fields } = parsed.data.error;
  return new ApiError({ status: response.status, code, message, fields: fields ?? {}, retryAfterSeconds });
}

/** A proxy or load balancer may answer without our error body; keep the meaning of its status. */
function fallbackCode(status: number): ApiErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVER_BUSY';
  return 'UNEXPECTED_RESPONSE';
}

/** Retry-After is either whole seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
