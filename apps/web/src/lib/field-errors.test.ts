import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.ts';
import { isFieldError, serverFieldError } from './field-errors.ts';

describe('errors at the field', () => {
  it('finds the message for the field the server named', () => {
    const error = new ApiError('validation_failed', 400, 'title.en: Too long');
    expect(serverFieldError(error, 'title')).toBe('Too long');
    expect(serverFieldError(error, 'summary')).toBeUndefined();
    expect(isFieldError(error, ['summary', 'title'])).toBe(true);
  });

  it('leaves other errors to the form', () => {
    expect(serverFieldError(new ApiError('conflict', 409, 'title: taken'), 'title')).toBeUndefined();
    expect(serverFieldError(new Error('title: x'), 'title')).toBeUndefined();
  });
});
