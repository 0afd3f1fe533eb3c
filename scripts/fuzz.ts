// npm run fuzz -- --seconds N [--seed S] [--out DIR]: mutates settings files written like real projects' (scripts/fuzz/seeds)
// and the secrets corpus by bytes and tokens, runs the engine in-process on each (a scan of a small
// project and a diff from the unmutated one), and reports crashes (an exception) and slow inputs
// (over 10 s), each with a reproducer file. `npm run fuzz -- --replay FILE` runs one reproducer again.
//
// The engine runs in a worker thread, so an input that hangs or runs out of memory is caught too: the
// worker is ended and started again at the next input. Input n is a function of the seed and n alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { initPython } from '../src/python/parser.js'
import { mulberry32 } from '../__tests__/secrets/corpus/generate.js'
import { CORPUS } from '../__tests__/secrets/corpus/index.js'
import { mutate } from './fuzz/mutate.js'
import { runInput, type FuzzInput } from './fuzz/targets.js'

const SLOW_MS = 10_000
/** An input still running after this is ended as a hang (and reported as slow). */
const HANG_MS = 60_000
/** The engine reads files up to 1 MiB. */
const MAX_INPUT = 1024 * 1024

const root = new URL('..', import.meta.url).pathname
const seedText = (name: string): string => readFileSync(join(root, 'scripts/fuzz/seeds', name), 'utf8')

/** The seed settings files, each at its place in one small project. */
function project(): { files: Record<string, string>; targets: string[] } {
  const files: Record<string, string> = {
    'config/__init__.py': '',
    'config/settings/__init__.py': '',
    'config/settings/base.py': seedText('base_environ.py'),
    'config/settings/production.py': seedText('production.py'),
    'config/settings/local.py': seedText('local.py'),
    'config/wsgi.py': 'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_wsgi_application()\n',
    'docker-compose.yml': seedText('docker-compose.yml'),
    'blog/settings.py': seedText('settings_decouple.py')
  }
  return { files, targets: ['config/settings/base.py', 'config/settings/production.py', 'config/settings/local.py', 'docker-compose.yml', 'blog/settings.py'] }
}

/** Input `index` of the run with `seed`: a mutated seed file in its project, or a mutated corpus file alone. */
export function inputAt(seed: number, index: number): FuzzInput {
  const rand = mulberry32((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0)
  const { files, targets } = project()
  const other = CORPUS[Math.floor(rand() * CORPUS.length)].text
  if (rand() < 0.7) {
    const path = targets[Math.floor(rand() * targets.length)]
    return { origin: `seed ${path} #${index}`, path, base: files, head: { ...files, [path]: mutate(files[path], rand, other, MAX_INPUT) } }
  }
  const c = CORPUS[Math.floor(rand() * CORPUS.length)]
  return { origin: `corpus ${c.id} #${index}`, path: c.path, base: {}, head: { [c.path]: mutate(c.text, rand, other, MAX_INPUT) } }
}

interface Done {
  index: number
  ms: number
  error?: string
}

async function work(): Promise<void> {
  const { seed, start } = workerData as { seed: number; start: number }
  await initPython()
  for (let index = start; ; index++) {
    const input = inputAt(seed, index)
    parentPort?.postMessage({ started: index })
    const t0 = performance.now()
    let error: string | undefined
    try {
      await runInput(input)
    } catch (e) {
      error = (e as Error).stack ?? String(e)
    }
    parentPort?.postMessage({ index, ms: performance.now() - t0, error } satisfies Done)
  }
}

/** Writes the input as a replayable JSON file and the mutated file itself; returns the JSON's path. */
function writeReproducer(out: string, kind: string, seed: number, index: number, detail: object): string {
  const input = inputAt(seed, index)
  const base = join(out, `${kind}-seed${seed}-${index}`)
  writeFileSync(`${base}.json`, JSON.stringify({ seed, index, ...detail, input }, null, 1))
  writeFileSync(`${base}.input`, input.head[input.path])
  return `${base}.json`
}

async function fuzz(seconds: number, seed: number, out: string): Promise<number> {
  mkdirSync(out, { recursive: true })
  const deadline = Date.now() + seconds * 1000
  const slowest: { index: number; ms: number; origin: string }[] = []
  const problems: string[] = []
  let runs = 0
  let next = 0
  let worker: Worker | undefined
  let current: { index: number; since: number } | undefined

  const record = (kind: 'crash' | 'slow', index: number, ms: number, error?: string): void => {
    const file = writeReproducer(out, kind, seed, index, { ms: Math.round(ms), error })
    problems.push(`${kind}: input ${index} (${inputAt(seed, index).origin}), ${Math.round(ms)} ms${error ? `: ${error.split('\n')[0]}` : ''} → ${file}`)
  }
  const note = (index: number, ms: number): void => {
    runs++
    slowest.push({ index, ms, origin: inputAt(seed, index).origin })
    slowest.sort((a, b) => b.ms - a.ms).splice(5)
  }

  await new Promise<void>((resolve) => {
    const start = (): void => {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { seed, start: next }, resourceLimits: { maxOldGenerationSizeMb: 2048 } })
      worker = w
      w.on('message', (m: { started: number } | Done) => {
        if ('started' in m) {
          current = { index: m.started, since: Date.now() }
          return
        }
        current = undefined
        next = m.index + 1
        note(m.index, m.ms)
        if (m.error) record('crash', m.index, m.ms, m.error)
        else if (m.ms > SLOW_MS) record('slow', m.index, m.ms)
      })
      w.on('error', (e: Error) => {
        // out of memory, or a crash of the worker itself: the input it was running is the cause
        if (current) {
          record('crash', current.index, Date.now() - current.since, `worker: ${e.message}`)
          next = current.index + 1
          current = undefined
        }
      })
      w.on('exit', () => {
        if (worker === w && Date.now() < deadline) start()
      })
    }
    start()
    const watchdog = setInterval(() => {
      if (current && Date.now() - current.since > HANG_MS) {
        record('slow', current.index, Date.now() - current.since, 'still running: ended as a hang')
        next = current.index + 1
        current = undefined
        void worker?.terminate()
      }
      if (Date.now() >= deadline) {
        clearInterval(watchdog)
        const w = worker
        worker = undefined
        // an input cut off by the deadline counts only if it was already slow
        if (current && Date.now() - current.since > SLOW_MS) record('slow', current.index, Date.now() - current.since, 'still running at the deadline')
        void w?.terminate().then(() => resolve())
      }
    }, 200)
  })

  const crashes = problems.filter((p) => p.startsWith('crash')).length
  console.log(`fuzz: ${runs} inputs in ${seconds} s (seed ${seed}): ${crashes} crash${crashes === 1 ? '' : 'es'}, ${problems.length - crashes} slow input${problems.length - crashes === 1 ? '' : 's'} (over ${SLOW_MS / 1000} s)`)
  console.log(`slowest: ${slowest.map((s) => `${Math.round(s.ms)} ms (input ${s.index}, ${s.origin})`).join('; ')}`)
  for (const p of problems) console.log(p)
  if (problems.length) console.log(`reproducers in ${out}; replay one with: npm run fuzz -- --replay FILE.json`)
  return problems.length ? 1 : 0
}

async function replay(file: string): Promise<number> {
  const { input } = JSON.parse(readFileSync(file, 'utf8')) as { input: FuzzInput }
  await initPython()
  const t0 = performance.now()
  try {
    const { findings } = await runInput(input)
    console.log(`${input.origin}: ${findings} findings in ${Math.round(performance.now() - t0)} ms`)
    return 0
  } catch (e) {
    console.log(`${input.origin}: ${(e as Error).stack ?? String(e)}`)
    return 1
  }
}

if (isMainThread) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string' }, out: { type: 'string', default: join(root, '.tmp/fuzz') }, replay: { type: 'string' } } })
  if (values.replay) process.exitCode = await replay(values.replay)
  else {
    const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
    const seconds = Number(values.seconds)
    if (!Number.isInteger(seed) || !(seconds > 0)) {
      console.error('usage: npm run fuzz -- --seconds N [--seed S] [--out DIR] | --replay FILE.json')
      process.exitCode = 2
    } else {
      process.exitCode = await fuzz(seconds, seed, values.out)
    }
  }
} else await work()
