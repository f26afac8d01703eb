/**
 * User-facing errors carry a stable identifier (for tests, logs and translations) and a message
 * written for the person who typed the command. Anything that is not a UserError is a bug: the
 * platforms log it and answer with a generic apology, never with its message.
 */
export class UserError extends Error {
  readonly identifier: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(identifier: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'UserError';
    this.identifier = identifier;
    this.details = details;
  }
}

export const isUserError = (err: unknown): err is UserError => err instanceof UserError;

/** Errors in files, manifests and builds: they name the module, the file and the fix. */
export class DataError extends Error {
  readonly file: string | undefined;

  constructor(message: string, file?: string, options?: { cause?: unknown }) {
    super(file ? `${file}: ${message}` : message, options);
    this.name = 'DataError';
    this.file = file;
  }
}
