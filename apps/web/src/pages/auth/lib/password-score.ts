import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// Loaded on demand (a chunk of its own): the common-password lists are large and only these forms need them.
const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** zxcvbn's score, 0 (guessed at once) to 4 (very hard), with the person's own details as known words. */
export function scorePassword(password: string, userInputs: string[]): ZxcvbnResult['score'] {
  return zxcvbn.check(password.slice(0, 100), userInputs).score;
}
