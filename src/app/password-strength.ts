/**
 * Password strength (ASVS 2.1.7): common and breached-pattern passwords are refused, judged by
 * zxcvbn-ts with its common-password and English dictionaries (about 40,000 known passwords,
 * names, keyboard walks, repeats, dates, l33t). Loaded on first use only: the dictionaries take
 * about 0.3 s to build, which commands that never set a password should not pay.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** The lowest zxcvbn score accepted (0 to 4; 3 is "safely unguessable: moderate protection"). */
export const MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [core, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
}

/**
 * Why a password is too easy to guess (zxcvbn's warning and suggestions), or undefined when it is
 * strong enough. `context` holds words an attacker would try first: the account's address, the
 * site's name.
 */
export async function weakness(
  password: string,
  context: readonly string[],
): Promise<{ message: string; hint: string } | undefined> {
  factory ??= load();
  const result = (await factory).check(password, [...context]);
  if (result.score >= MIN_SCORE) return undefined;
  return {
    message: `the password is too easy to guess${result.feedback.warning ? `: ${result.feedback.warning}` : ''}`,
    hint: [...result.feedback.suggestions, 'A few unrelated words make a strong password.'].join(' '),
  };
}
