import { describe, expect, it } from 'vitest';
import { bilingualInput } from './bilingual.ts';
import { fileTextProblems, int4, textField, VersionSchema } from './text.ts';

describe('clean text', () => {
  it('refuses NUL and other control characters, allowing line breaks and tabs only where text spans lines', () => {
    const line = textField(100);
    const body = textField(100, { multiline: true });
    expect(line.safeParse('a\u0000b').error?.issues[0]?.message).toBe('contains the control character U+0000');
    expect(line.safeParse('a\nb').success).toBe(false);
    expect(line.safeParse('a\u007Fb').success).toBe(false);
    expect(body.safeParse('a\nb\tc\r\n').success).toBe(true);
    expect(body.safeParse('a\u001Bb').success).toBe(false);
    expect(bilingualInput(100).safeParse({ en: 'x\u0000' }).success).toBe(false);
  });

  it('refuses a lone surrogate but keeps a real pair (an emoji, a rare Han character)', () => {
    const name = textField(100);
    expect(name.safeParse('Wang \uD800').error?.issues[0]?.message).toMatch(/lone surrogate/);
    expect(name.safeParse('\uDC00x').success).toBe(false);
    expect(name.parse('𠮷野 🙂')).toBe('𠮷野 🙂');
  });

  it('normalises to NFC, trims and bounds the length after normalising', () => {
    expect(textField(10).parse('  Cafe\u0301 ')).toBe('Café');
    expect(textField(4).safeParse('Cafe\u0301').success).toBe(true);
    expect(textField(3).safeParse('   ').success).toBe(false);
  });

  it('bounds integers to the int4 columns they are stored in', () => {
    expect(VersionSchema.safeParse(2 ** 31 - 1).success).toBe(true);
    expect(VersionSchema.safeParse(2 ** 31).success).toBe(false);
    expect(VersionSchema.safeParse(0).success).toBe(false);
    expect(int4().safeParse(-(2 ** 31)).success).toBe(true);
    expect(int4().safeParse(-(2 ** 31) - 1).success).toBe(false);
  });

  it('names the lines of a file with control characters, lone surrogates or bytes that were not UTF-8', () => {
    expect(fileTextProblems('name\r\nHuawei\tCN\n')).toEqual([]);
    expect(fileTextProblems('name\nZTE\u0000\nok\n\uFFFDbad\nx\uD800')).toEqual([
      { line: 2, message: 'the line contains the control character U+0000' },
      { line: 4, message: expect.stringMatching(/not valid UTF-8/) as string },
      { line: 5, message: expect.stringMatching(/lone surrogate/) as string },
    ]);
  });
});
