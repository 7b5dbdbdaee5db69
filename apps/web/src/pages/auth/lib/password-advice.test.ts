import { describe, expect, it } from 'vitest';
import { passwordAdvice } from './password-advice.ts';
import { scorePassword } from './password-score.ts';

describe('password advice while typing', () => {
  it('names what the server would refuse: too short, the email inside, easy to guess', () => {
    expect(passwordAdvice('', null)).toEqual([]);
    expect(passwordAdvice('short', null)).toEqual(['tooShort']);
    expect(passwordAdvice('wang.li-spring-river', 4, 'wang.li@example.org')).toEqual(['containsEmail']);
    expect(passwordAdvice('aaaaaaaaaaaa', scorePassword('aaaaaaaaaaaa', []))).toEqual(['easyToGuess']);
    expect(passwordAdvice('correct-horse-battery', scorePassword('correct-horse-battery', []))).toEqual([]);
  });
});
