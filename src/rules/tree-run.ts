// Running the tree rules (code and deploy rules): which files they look at in a scan and in a diff,
// and their results as findings.
import type { Config } from '../config/config.js'
import { addedLines, type ChangeIndex } from '../diff/change-index.js'
import type { BaselineState, Finding } from '../findings.js'
import type { FileClass } from '../files/classify.js'
import type { ParsedModule } from '../python/ast.js'
import { initPython } from '../python/parser.js'
import type { FileSet } from '../settings/modules.js'
import type { SideAnalysis } from '../settings/side.js'
import { isTemplatePath } from '../templates/tokenize.js'
import { fileFindings } from './results.js'
import { fileClassOf, type FileKeyed } from './run.js'
import { TREE_RULES } from './tree-rules.js'
import type { CodeFile, TreeContext, TreeSide } from './types.js'

/** Database migrations are generated code that runs once: not where a review looks for risky views or queries. */
const inMigrations = (path: string): boolean => path.split('/').includes('migrations')

/** Management commands run by operators, not requests: a scan (low noise) leaves them out; a diff still reads what a change adds there. */
const isManagementCommand = (path: string): boolean => path.includes('/management/commands/')

/** Whether code rules read a file, and as what: production Python, or a Django template (also one named like a "template"). */
export function codeKind(path: string, fileClass: FileClass): CodeFile['kind'] | undefined {
  if (path.endsWith('.py')) return fileClass.kind === 'production' && !inMigrations(path) ? 'python' : undefined
  if (!isTemplatePath(path)) return undefined
  // `templates/email_template.html` is classified by its name as a template to copy; it is a Django template
  const namedTemplate = fileClass.kind === 'template' && !fileClass.why.includes('example code')
  return fileClass.kind === 'production' || namedTemplate ? 'template' : undefined
}

interface Review {
  mode: 'scan' | 'diff'
  head: TreeSide
  base?: TreeSide
  diff?: ChangeIndex
}

/** A Django template classified by its name as a template to copy (`email_template.html`) is what Django renders. */
const RENDERED: FileClass = { kind: 'production', why: 'a Django template production renders' }

/** The context tree rules see, for a scan (every production code file) or a diff (the changed ones). */
export function treeContext(r: Review): TreeContext {
  const fileClass = (path: string): FileClass => {
    const cls = fileClassOf(path, r.head.analysis)
    return cls.kind === 'template' && codeKind(path, cls) === 'template' ? RENDERED : cls
  }
  const code: CodeFile[] = []
  const added = new Map<string, ReadonlySet<number>>()
  if (r.diff) {
    for (const c of r.diff.change.changes) {
      if (c.status === 'deleted' || c.binary) continue
      added.set(c.path, addedLines(c.hunks))
      const cls = fileClass(c.path)
      const kind = codeKind(c.path, cls)
      const text = kind && r.head.files.read(c.path)
      if (!kind || text === undefined || text === '') continue
      const basePath = r.diff.basePath(c.path)
      const baseText = c.status === 'added' ? undefined : r.base?.files.read(basePath)
      code.push({ path: c.path, kind, fileClass: cls, text, added: added.get(c.path), ...(baseText !== undefined ? { base: { path: basePath, text: baseText } } : {}) })
    }
  } else {
    const paths = r.head.files.secrets ? [...r.head.files.secrets.keys()] : [...r.head.files.paths]
    for (const path of paths) {
      const cls = fileClass(path)
      const kind = codeKind(path, cls)
      const text = kind && !isManagementCommand(path) && r.head.files.read(path)
      if (kind && text) code.push({ path, kind, fileClass: cls, text })
    }
  }
  const sideOf = (side: 'head' | 'base'): SideAnalysis | undefined => (side === 'head' ? r.head.analysis : r.base?.analysis)
  return {
    mode: r.mode,
    code,
    head: r.head,
    base: r.base,
    isNew: (path, line) => r.mode === 'scan' || (added.get(path)?.has(line) ?? false),
    pythonWith: (needle) => {
      const out: { path: string; text: string; module: ParsedModule }[] = []
      const paths = r.head.files.secrets ? r.head.files.secrets.keys() : r.head.files.paths
      for (const path of paths) {
        if (!path.endsWith('.py')) continue
        const text = r.head.files.read(path)
        if (!text?.includes(needle) || codeKind(path, fileClass(path)) !== 'python') continue
        const module = r.head.analysis.discovery.index.module(path)
        if (module) out.push({ path, text, module })
      }
      return out
    },
    python: (path, side = 'head'): ParsedModule | undefined => (path.endsWith('.py') ? sideOf(side)?.discovery.index.module(path) : undefined),
    fileClass
  }
}

/** The most findings one tree rule reports in one file. */
export const MAX_FINDINGS_PER_FILE = 200

/** A tree rule's result; `rule` is all the results stage needs of it. */
export type TreeKeyed = FileKeyed

/** Runs the tree rules; loads the parser first when there is Python code to read. */
export async function runTreeRules(ctx: TreeContext, config: Config): Promise<TreeKeyed[]> {
  // code rules also parse Python files outside `code` (pythonWith: the settings, a scan's management commands)
  if (ctx.code.some((c) => c.kind === 'python') || [...ctx.head.files.paths].some((p) => p.endsWith('.py'))) await initPython()
  const out: TreeKeyed[] = []
  for (const rule of TREE_RULES) {
    if (config.rules[rule.meta.id] === 'off') continue
    const perFile = new Map<string, number>()
    for (const raw of rule.check(ctx)) {
      // a file of ten thousand generated sinks must not become ten thousand review comments
      const n = (perFile.get(raw.loc.path) ?? 0) + 1
      perFile.set(raw.loc.path, n)
      const listed = ctx.mode === 'scan' && rule.scanAside ? { ...raw, aside: rule.scanAside } : raw
      if (n <= MAX_FINDINGS_PER_FILE) out.push({ key: `${rule.meta.id}|${raw.loc.path}|${raw.subject}`, rule, raw: listed, fileClass: ctx.fileClass(raw.loc.path) })
    }
  }
  return out
}

/**
 * Tree results as findings. A deploy line where debug-enabled already reports DEBUG (the settings
 * model follows the deploy value into a production module and says which line reads it) is not
 * reported a second time by debug-in-deploy-config: one comment per line, the one that knows more.
 */
export function treeFindings(items: TreeKeyed[], settingsFindings: Finding[], side: SideAnalysis, files: FileSet, config: Config, state?: BaselineState): Finding[] {
  const debugLines = new Set(settingsFindings.filter((f) => f.ruleId === 'debug-enabled').map((f) => `${f.path}:${f.line}`))
  const kept = items.filter((it) => !(it.rule.meta.id === 'debug-in-deploy-config' && debugLines.has(`${it.raw.loc.path}:${it.raw.loc.line}`)))
  return fileFindings(kept, settingsFindings, side, files, config, state)
}

