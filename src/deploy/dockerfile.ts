// Dockerfiles: the final image is a deployment with the environment its stages set (`ENV`, with
// `ARG` defaults substituted) and the role of its CMD/ENTRYPOINT. A `RUN` that sets
// DJANGO_SETTINGS_MODULE (collectstatic, compilemessages at build time) is a build step, not what
// the image serves. Parsed with dockerfile-ast, the parser of the Docker language server.
import { DockerfileParser, type Instruction } from 'dockerfile-ast'
import { classifyFile } from '../files/classify.js'
import { commandFacts } from './command.js'
import { interpolate } from './interpolate.js'
import type { Deployment, EnvSetting, ImageStep } from './types.js'

export const isDockerfile = (path: string): boolean => {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return name.startsWith('dockerfile') || name.endsWith('.dockerfile') || name.endsWith('containerfile')
}

const KEYWORDS_WITH_PROPERTIES = new Set(['ENV', 'ARG'])

/** Base images whose own command serves nothing (a language or OS image): without a CMD of its own, the image is a toolbox. */
const RUNS_NOTHING = /^(?:docker\.io\/)?(?:library\/)?(?:python|pypy|debian|ubuntu|alpine|node|buildpack-deps)(?::|$)/i

interface PropertyLike {
  getName(): string
  getValue(): string | null
}

function commandOf(instruction: Instruction): string | string[] {
  const text = instruction.getArgumentsContent() ?? ''
  if (text.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed)) return parsed.map(String)
    } catch {
      // shell form after all
    }
  }
  return text
}

/** A WORKDIR or destination written relative to `from` (an absolute image path), resolved; `..` stops at the root. */
export function imagePath(from: string, path: string): string {
  const parts: string[] = []
  for (const seg of (path.startsWith('/') ? path : `${from}/${path}`).split('/')) {
    if (seg === '..') parts.pop()
    else if (seg && seg !== '.') parts.push(seg)
  }
  return `/${parts.join('/')}`
}

/** A COPY or ADD from the build context: its sources and destination as written (the destination keeps a trailing '/'). */
function copyOf(instruction: Instruction): ImageStep['copy'] {
  const flags = (instruction as unknown as { getFlags?(): { getName(): string }[] }).getFlags?.() ?? []
  if (flags.some((f) => f.getName().toLowerCase() === 'from')) return undefined
  const written = commandOf(instruction)
  const words = (Array.isArray(written) ? written : instruction.getArguments().map((a) => a.getValue())).filter((w) => !w.startsWith('--'))
  if (words.length < 2) return undefined
  return { sources: words.slice(0, -1), destination: words[words.length - 1] }
}

/** Words of a header comment that keep an image out of production ("intended solely for local development"). */
const DEVELOPMENT_HEADER = /\b(?:intended|meant|only|solely|just) (?:for|of) (?:local )?development\b|\b(?:local )?development only\b|\bdev only\b|\bnot (?:meant |intended |suitable )?for production\b|\bdo not use (?:it |this )?in production\b/i

/** Whether the comment lines before the first instruction say the image is for development. */
function saysDevelopment(text: string): boolean {
  const header: string[] = []
  for (const line of text.split('\n', 40)) {
    const t = line.trim()
    if (t.startsWith('#')) header.push(t)
    else if (t) break
  }
  return DEVELOPMENT_HEADER.test(header.join(' '))
}

export function dockerfileDeployments(path: string, text: string): Deployment[] {
  const dockerfile = DockerfileParser.parse(text)
  const froms = dockerfile.getFROMs()
  if (!froms.length) return []
  const stageOf = (line: number): number => {
    let stage = 0
    froms.forEach((f, i) => {
      if (f.getRange().start.line <= line) stage = i
    })
    return stage
  }
  // Each stage starts from its base stage's environment (FROM base AS prod).
  const stageNames = froms.map((f) => (f.getBuildStage() ?? '').toLowerCase())
  const stageEnv: Map<string, EnvSetting>[] = froms.map(() => new Map<string, EnvSetting>())
  const args: Map<string, string>[] = froms.map(() => new Map<string, string>())
  const commands: (Instruction | undefined)[] = froms.map(() => undefined)
  const entrypoints: (Instruction | undefined)[] = froms.map(() => undefined)
  const builds: Deployment[] = []
  const runs: string[] = []
  const workdirs: string[] = froms.map(() => '/')
  const steps: ImageStep[] = []
  const shellText = (i: Instruction): string => [commandOf(i)].flat().join(' ')
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword()
    const line = instruction.getRange().start.line + 1
    const stage = stageOf(line - 1)
    const lookup = (n: string): string | undefined => args[stage].get(n) ?? stageEnv[stage].get(n)?.value
    if (keyword === 'FROM') {
      // the base stage's instructions are all read by now
      const base = stageNames.indexOf((froms[stage].getImageName() ?? '').toLowerCase())
      if (base >= 0 && base < stage) {
        for (const [k, v] of stageEnv[base]) stageEnv[stage].set(k, v)
        for (const [k, v] of args[base]) args[stage].set(k, v)
        commands[stage] = commands[base]
        entrypoints[stage] = entrypoints[base]
        workdirs[stage] = workdirs[base]
      }
    } else if (KEYWORDS_WITH_PROPERTIES.has(keyword)) {
      const properties = (instruction as unknown as { getProperties(): PropertyLike[] }).getProperties()
      for (const p of properties) {
        const raw = p.getValue()
        if (keyword === 'ARG') {
          if (raw !== null) args[stage].set(p.getName(), raw)
          continue
        }
        const value = raw === null ? undefined : interpolate(raw, lookup)
        stageEnv[stage].set(p.getName(), { name: p.getName(), value, path, line })
      }
    } else if (keyword === 'WORKDIR') workdirs[stage] = imagePath(workdirs[stage], interpolate(instruction.getArgumentsContent() ?? '', lookup) ?? '')
    else if (keyword === 'COPY' || keyword === 'ADD') {
      const copy = copyOf(instruction)
      if (copy) steps.push({ line, workdir: workdirs[stage], copy: { sources: copy.sources, destination: interpolate(copy.destination, lookup) ?? copy.destination } })
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      if (keyword === 'CMD') commands[stage] = instruction
      else entrypoints[stage] = instruction
      steps.push({ line, workdir: workdirs[stage], command: shellText(instruction) })
    } else if (keyword === 'RUN') {
      steps.push({ line, workdir: workdirs[stage], command: shellText(instruction).slice(0, 20_000) })
      runs.push((instruction.getArgumentsContent() ?? '').slice(0, 20_000))
      const facts = commandFacts(commandOf(instruction))
      const named = facts.env.get('DJANGO_SETTINGS_MODULE') ?? facts.settings
      const settings = named === undefined ? undefined : interpolate(named, lookup)
      if (settings)
        builds.push({ path, line, name: `${path} RUN at line ${line}`, role: 'build', why: 'it is a RUN step of the image build', env: new Map(), settings: { name: 'DJANGO_SETTINGS_MODULE', value: settings, path, line } })
    }
  }
  const last = froms.length - 1
  const env = stageEnv[last]
  const cmd = commands[last]
  const entry = entrypoints[last]
  const facts = commandFacts([...[entry, cmd].flatMap((i) => (i ? [commandOf(i)].flat() : []))])
  const commandLine = ((cmd ?? entry)?.getRange().start.line ?? 0) + 1
  // the command's $VARs are the image's environment (or unknown)
  const lookup = (n: string): string | undefined => env.get(n)?.value
  for (const [k, v] of facts.env) env.set(k, { name: k, value: interpolate(v, lookup), path, line: commandLine })
  const settings = facts.settings ? { name: 'DJANGO_SETTINGS_MODULE', value: interpolate(facts.settings, lookup), path, line: commandLine } : env.get('DJANGO_SETTINGS_MODULE')
  const fileClass = classifyFile(path)
  const devStage = /^(dev|development|local|test|tests|testing|debug)$/.test(stageNames[last])
  const role =
    fileClass.kind !== 'production'
      ? { role: 'development' as const, why: fileClass.why }
      : devStage
        ? { role: 'development' as const, why: `its final stage is named ${stageNames[last]}` }
        : saysDevelopment(text)
          ? { role: 'development' as const, why: 'the comment at its top says it is for development' }
        : facts.role
          ? { role: facts.role, why: facts.why }
          : !cmd && !entry && RUNS_NOTHING.test(froms[last].getImageName() ?? '')
            ? { role: 'build' as const, why: 'it sets no CMD or ENTRYPOINT over a base image that serves nothing: what runs in it is chosen by whatever runs the image' }
            : { role: 'serving' as const, why: undefined }
  return [{ path, line: froms[last].getRange().start.line + 1, name: path, role: role.role, why: role.why, env, settings, runs, steps }, ...builds]
}
