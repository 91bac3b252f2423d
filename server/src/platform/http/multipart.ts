/**
 * Multipart's own errors, in the API's error contract: limits become 413, a body that is not
 * multipart 415, and a truncated or malformed body 400, never a 500.
 */
import { AppError } from './errors.js';

export function multipartError(error: unknown, tooLarge: () => AppError, partsMessage: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', 413, partsMessage);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the file as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('MALFORMED_REQUEST', 400, 'The multipart body is malformed.');
    default:
      // busboy reports a cut-off or garbled body as a plain Error without a code.
      if (error instanceof Error && /multipart|boundary|part/i.test(error.message)) {
        return new AppError('MALFORMED_REQUEST', 400, 'The multipart body is malformed.');
      }
      return error;
  }
}
