// For tests: the ApiError a call throws (its code and message are what the test checks); any
// other error, or none, fails the test.
import { ApiError } from '../../src/shared/errors';

export function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}
