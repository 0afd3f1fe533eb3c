// Every rule's metadata, settings rules, file rules, tree rules (code and deploy files) and the rule about the review's own configuration:
// for config validation, SARIF rules[] and the generated docs.
import { DEPENDENCY_RULES } from './dependency-rules.js'
import { FILE_RULES } from './file-rules.js'
import { RULES } from './index.js'
import { reviewConfigWeakened } from './review-config-weakened.js'
import { TREE_RULES } from './tree-rules.js'
import type { RuleMeta } from './types.js'

export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), ...FILE_RULES.map((r) => r.meta), ...TREE_RULES.map((r) => r.meta), ...DEPENDENCY_RULES.map((r) => r.meta), reviewConfigWeakened.meta]
