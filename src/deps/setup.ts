// setuptools: setup.cfg `[options] install_requires` (and `[options.extras_require]`), and setup.py
// `setup(install_requires=[…])` read with the project's Python parser — never run.
import { parseModule, type Expr, type Stmt } from '../python/ast.js'
import { isDjango, parseRequirement } from './requirement.js'
import type { DjangoPin, FileReading } from './types.js'

function pin(path: string, line: number, source: 'setup.cfg' | 'setup.py', text: string, group?: string): DjangoPin | undefined {
  const req = parseRequirement(text)
  if (!req || !isDjango(req.name) || req.url) return undefined
  return { path, line, source, specifier: req.specifier, text: text.trim(), locked: false, marker: req.marker, ...(group ? { group } : {}) }
}

/** INI: a key's value is the rest of its line and the indented lines after it. */
export function readSetupCfg(path: string, text: string): FileReading {
  const reading: FileReading = { pins: [], notices: [] }
  const lines = text.split('\n')
  let section = ''
  let key: string | undefined
  const take = (line: number, value: string): void => {
    if (!key) return
    const inOptions = section === 'options' && key === 'install_requires'
    const extra = section === 'options.extras_require' ? key : undefined
    if (!inOptions && !extra) return
    const v = value.replace(/\s#.*$/, '').trim()
    if (!v || v.startsWith('#')) return
    const p = pin(path, line, 'setup.cfg', v, extra)
    if (p) reading.pins.push(p)
  }
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '')
    if (/^\s*[#;]/.test(raw) || !raw.trim()) continue
    const header = /^\[([^\]]+)\]\s*$/.exec(raw)
    if (header) {
      section = header[1].trim().toLowerCase()
      key = undefined
      continue
    }
    if (/^\s/.test(raw)) {
      take(i + 1, raw)
      continue
    }
    const eq = raw.search(/[=:]/)
    if (eq < 0) continue
    key = raw.slice(0, eq).trim().toLowerCase()
    take(i + 1, raw.slice(eq + 1))
  }
  return reading
}

/** String constants of a list/tuple literal, with their lines. */
function strings(e: Expr | undefined): { value: string; line: number }[] {
  if (!e || e.t !== 'seq') return []
  return e.items.flatMap((i) => (i.t === 'const' && typeof i.value === 'string' ? [{ value: i.value, line: i.line }] : []))
}

/** Every call in a statement list, nested blocks included (`if __name__ == "__main__": setup(…)`). */
function calls(body: Stmt[], out: Extract<Expr, { t: 'call' }>[] = []): Extract<Expr, { t: 'call' }>[] {
  for (const s of body) {
    if (s.t === 'expr' && s.expr.t === 'call') out.push(s.expr)
    else if (s.t === 'assign' && s.value.t === 'call') out.push(s.value)
    else if (s.t === 'if') {
      for (const b of s.branches) calls(b.body, out)
      if (s.orelse) calls(s.orelse, out)
    } else if (s.t === 'try') calls([...s.body, ...s.orelse, ...s.final], out)
    else if (s.t === 'with') calls(s.body, out)
    else if (s.t === 'def') calls(s.body, out)
  }
  return out
}

export function readSetupPy(path: string, text: string): FileReading {
  const reading: FileReading = { pins: [], notices: [] }
  if (!/django/i.test(text)) return reading
  const mod = parseModule(text)
  // module-level names bound to a list: `REQUIRES = ["Django>=4.2"]`
  const lists = new Map<string, Expr>()
  for (const s of mod.body) if (s.t === 'assign' && s.targets.length === 1 && s.targets[0].t === 'name') lists.set(s.targets[0].id, s.value)
  const resolve = (e: Expr): Expr | undefined => (e.t === 'name' ? lists.get(e.id) : e)
  const isSetup = (f: Expr): boolean => (f.t === 'name' && f.id === 'setup') || (f.t === 'attr' && f.attr === 'setup')
  for (const call of calls(mod.body).filter((c) => isSetup(c.func))) {
    for (const kw of call.kwargs) {
      const value = resolve(kw.value)
      if (kw.name === 'install_requires') for (const s of strings(value)) pushPin(reading, pin(path, s.line, 'setup.py', s.value))
      if (kw.name === 'extras_require' && value?.t === 'dict')
        for (const entry of value.entries) {
          if (!('key' in entry) || entry.key.t !== 'const' || typeof entry.key.value !== 'string') continue
          const group = entry.key.value
          const v = resolve(entry.value)
          for (const s of strings(v)) pushPin(reading, pin(path, s.line, 'setup.py', s.value, group))
        }
    }
  }
  if (mod.errorLines.length && !reading.pins.length) reading.notices.push({ path, line: mod.errorLines[0], message: 'not read for the Django version: a syntax error the parser could not recover from' })
  return reading
}

function pushPin(reading: FileReading, p: DjangoPin | undefined): void {
  if (p) reading.pins.push(p)
}
