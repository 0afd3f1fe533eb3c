// File rules: rules about files of any kind rather than the settings model.
import { envFileCommitted } from './env-file-committed.js'
import { hardcodedCredential } from './hardcoded-credential.js'
import type { FileRule } from './types.js'

export const FILE_RULES: readonly FileRule[] = [hardcodedCredential, envFileCommitted]
