// Tree rules: code rules (Python through the parser, Django templates) and deploy-configuration rules.
import { accessControlRemoved } from './access-control-removed.js'
import { csrfCheckDisabled } from './csrf-check-disabled.js'
import { csrfExemptAdded } from './csrf-exempt-added.js'
import { debugInDeployConfig } from './debug-in-deploy-config.js'
import { markSafeDynamic } from './mark-safe-dynamic.js'
import { productionSettingsSwitched } from './production-settings-switched.js'
import { rawSqlStringFormatting } from './raw-sql-string-formatting.js'
import { runserverInProduction } from './runserver-in-production.js'
import { templateUnescapedOutput } from './template-unescaped-output.js'
import type { TreeRule } from './types.js'

export const TREE_RULES: readonly TreeRule[] = [
  csrfExemptAdded,
  csrfCheckDisabled,
  rawSqlStringFormatting,
  markSafeDynamic,
  templateUnescapedOutput,
  accessControlRemoved,
  debugInDeployConfig,
  runserverInProduction,
  productionSettingsSwitched
]
