// What the dependency readers produce: where a project pins Django, and what it admits.
import type { Notice } from '../findings.js'

/** The kind of file a pin was read from. */
export type PinSource = 'requirements' | 'pyproject' | 'poetry' | 'pipfile' | 'pipfile.lock' | 'poetry.lock' | 'uv.lock' | 'setup.cfg' | 'setup.py'

/** One statement of a project about the Django it installs. */
export interface DjangoPin {
  path: string
  line: number
  source: PinSource
  /** The PEP 440 specifier, spaces removed (`>=4.2,<5`); '' admits every release. A lock's is `==VERSION`. */
  specifier: string
  /** The requirement as written, for messages (`Django[argon2]==5.0.1; python_version >= "3.10"`). */
  text: string
  /** Read from a lock file: the version installed, not a constraint. */
  locked: boolean
  /** A PEP 508 environment marker, when the pin applies to some environments only. */
  marker?: string
  /** A dependency group or extra that is not installed by default (`dev`, `[tool.poetry.group.test]`). */
  group?: string
}

/** Every Django pin of a tree, and a note for each dependency file that could not be read. */
export interface DjangoPins {
  pins: DjangoPin[]
  notices: Notice[]
  /** Included files that are in the tree but were not read: a source that reads on demand loads them and asks again. */
  unread: string[]
  /** The files each requirements file includes (`-r base.txt`). */
  includes: Map<string, string[]>
}

/** What one reader returns for one file. */
export interface FileReading {
  pins: DjangoPin[]
  notices: Notice[]
  /** Further files this one includes (`-r base.txt`, `-c constraints.txt`), repository-relative. */
  includes?: string[]
}
