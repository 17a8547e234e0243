/** Why an article could not be added: always a message fit to show in the chat as is. */
import { UserFacingError } from '../core/errors.js';

/** The refusal codes, for logs and tests (the message is what people read). */
export type IngestErrorCode =
  | 'bad_url'
  | 'private_address'
  | 'dns'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'http_status'
  | 'unsupported_type'
  | 'unreachable'
  | 'no_text'
  | 'bad_file'
  | 'duplicate';

/** A refusal to add an article, with a plain message and a code. */
export class IngestError extends UserFacingError {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
