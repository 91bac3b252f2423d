/**
 * Refuses common and guessable passwords with zxcvbn-ts and its published dictionaries
 * (common passwords, English words, names), with the user's own email and nickname as hints.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** zxcvbn's scores run 0–4; 3 means "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;
/** What must be left of a password once the user's own words are taken out of it. */
const MIN_CHARACTERS_BEYOND_CONTEXT = 8;
const SERVICE_WORDS = ['airtalk'];

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

function simplify(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * zxcvbn prices "firstname.lastname" as two words and a separator, which it scores as strong;
 * an attacker who knows the email tries it first. So the user's own words must not be most of it.
 */
function isMostlyContext(password: string, contextWords: string[]): boolean {
  let rest = simplify(password);
  for (const word of contextWords.map(simplify).filter((word) => word.length >= 4)) rest = rest.split(word).join('');
  return rest.length < MIN_CHARACTERS_BEYOND_CONTEXT;
}

export function isGuessablePassword(password: string, userInputs: string[]): boolean {
  const parts = userInputs.flatMap((input) => input.split(/[@.\s_+-]+/));
  const contextWords = [...userInputs, ...parts, ...SERVICE_WORDS].filter((word) => word.length >= 3);
  if (
    isMostlyContext(password, [...new Set([...userInputs.map((input) => input.split('@')[0] ?? ''), ...contextWords])])
  ) {
    return true;
  }
  return zxcvbn.check(password, contextWords).score < MIN_PASSWORD_SCORE;
}
