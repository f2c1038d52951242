/**
 * Named error factories with stable ids. `app.onError` turns them into
 * `{"error":{"code","message","fields"?}}` with the matching status.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    /** Extra top-level data inside `error` (e.g. the possible duplicates). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const ValidationError = (fields: Record<string, string>, message = 'Some fields are invalid') =>
  new AppError(400, 'validation_error', message, fields)
export const BadRequestError = (message: string) => new AppError(400, 'bad_request', message)
export const AuthenticationError = (message = 'Sign in first') => new AppError(401, 'unauthenticated', message)
export const InvalidCredentialsError = () => new AppError(401, 'invalid_credentials', 'Wrong login or password')
export const AuthorizationError = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message)
export const CsrfError = () => new AppError(403, 'csrf', 'Cross-site request refused')
export const NotFoundError = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`)
export const ConflictError = (message: string, fields?: Record<string, string>) => new AppError(409, 'conflict', message, fields)
export const PayloadTooLargeError = (limit: number) =>
  new AppError(413, 'payload_too_large', `Request body is larger than ${limit} bytes`)
export const TooManyRequestsError = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', `Too many attempts; try again in ${retryAfterSeconds} s`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  })
