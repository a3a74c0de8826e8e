// What the trainer services throw: a kind the HTTP layer maps onto its error catalogue, and
// machine-readable details (the conflicting intent of a duplicate, the regressing metrics of a
// refused publish) so the console can show them.
export type TrainerErrorKind = 'not_found' | 'conflict' | 'invalid';

export class TrainerError extends Error {
  override readonly name = 'TrainerError';

  constructor(
    readonly kind: TrainerErrorKind,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
