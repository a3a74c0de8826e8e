// Why an agent action was refused. The routes map `kind` onto the HTTP error catalogue.
export type HandoffErrorKind = 'not_found' | 'conflict' | 'forbidden' | 'invalid';

export class HandoffError extends Error {
  override name = 'HandoffError';
  constructor(
    readonly kind: HandoffErrorKind,
    message: string,
  ) {
    super(message);
  }
}
