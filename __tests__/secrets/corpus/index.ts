// The whole labelled corpus: batch A (corpus.ts), batch B (holdout.ts) and the held-out batch C (holdout-c.ts).
import { buildCorpus, type Case } from './corpus.js'
import { buildHoldoutC } from './holdout-c.js'
import { buildHoldout } from './holdout.js'

export { CATEGORIES, KIND_CATEGORY, isPositive, type Case, type Category, type Expected } from './corpus.js'

export const CORPUS: Case[] = [...buildCorpus(), ...buildHoldout(), ...buildHoldoutC()]
