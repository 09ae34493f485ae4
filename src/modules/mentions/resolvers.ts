import type { Executor } from '../../db/executor';
import { BadUserInputError } from '../../errors';
import type { Resolvers } from '../../generated/graphql';
import { MentionIndex } from './index';

/** The longest text Query.mentions reads. */
export const MAX_MENTION_TEXT = 200_000;

const fallbacks = new WeakMap<Executor, MentionIndex>();
/** For a context made without one (scripts): one index per executor. */
function fallbackIndex(executor: Executor): MentionIndex {
  let index = fallbacks.get(executor);
  if (!index) fallbacks.set(executor, (index = new MentionIndex(executor, 500_000)));
  return index;
}

export const mentionResolvers: Resolvers = {
  Query: {
    mentions: async (_root, { text }, ctx) => {
      if (text.length > MAX_MENTION_TEXT) {
        throw new BadUserInputError(`The text is ${text.length} characters long; at most ${MAX_MENTION_TEXT} are read`, 'text', { maxLength: MAX_MENTION_TEXT });
      }
      const index = ctx.mentionIndex ?? fallbackIndex(ctx.executor);
      const dictionary = await index.dictionary();
      const mentions = dictionary.find(text).map((m) => ({ ...m, candidates: m.candidates.map((c) => ({ ...c, type: c.label.toUpperCase() })) }));
      return { mentions, dictionaryNames: dictionary.size, complete: dictionary.complete } as never;
    },
  },
};
