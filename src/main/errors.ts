// Services throw AppFailure for anything the user can act on; the dispatcher turns it into an AppError value.
import type { ErrorCode, ValidationIssue } from '../shared/errors';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
