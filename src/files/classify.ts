// What kind of file a path is, before any rule runs: production code and configuration, or something
// production never runs (tests and fixtures, CI, development setups, templates, documentation,
// vendored or generated files). Pure, path-only, linear in the path length.
//
// Reporters use the class to decide what to list: a scan lists production findings and sets the rest
// aside in one coverage line; a diff reports a credential added to a non-production file at low.

export type FileKind = 'production' | 'test' | 'ci' | 'development' | 'template' | 'docs' | 'vendored'

export interface FileClass {
  kind: FileKind
  /** Why, in words for a message: "it is in test code (tests/)". */
  why: string
}

const PRODUCTION: FileClass = { kind: 'production', why: 'production code or configuration' }

const TEST_DIRS = new Set(['tests', 'test', 'testing', 'unittests', 'unittest', 'functional_tests', 'integration_tests', 'e2e', 'fixtures', 'testdata', 'test_data', 'testfiles', 'spec', 'specs', '__tests__', 'cassettes', 'vcr_cassettes', '__snapshots__', 'testproject', 'test_project', 'testapp', 'test_app'])
const TEST_FILES = new Set(['tests.py', 'test.py', 'conftest.py', 'pytest.ini', 'tox.ini', 'noxfile.py', '.coveragerc', 'setup.cfg', 'codecov.yml', '.codecov.yml'])
const CI_DIRS = new Set(['.circleci', '.buildkite', '.woodpecker', '.semaphore'])
const CI_FILES = new Set(['.gitlab-ci.yml', '.travis.yml', 'azure-pipelines.yml', 'jenkinsfile', '.drone.yml', 'bitbucket-pipelines.yml', 'appveyor.yml', '.pre-commit-config.yaml', 'cloudbuild.yaml', 'cloudbuild.yml', 'codeship-services.yml', 'wercker.yml', 'renovate.json', '.mergify.yml'])
const DEV_DIRS = new Set(['.devcontainer', '.vscode', '.idea', 'dev', 'devel', 'development', 'local', 'devproject', 'dev_project', 'devsite', 'dev_site', 'devenv', 'dev_env'])
const VENDOR_DIRS = new Set(['vendor', 'vendors', 'vendored', 'third_party', 'thirdparty', 'third-party', '3rdparty', 'node_modules', 'bower_components', 'site-packages', 'dist-packages', 'venv', '.venv', 'virtualenv', '.tox', '.nox', 'htmlcov', '_build', '.eggs', 'staticfiles', 'static_root', 'collected_static', 'jspm_packages'])
/** Folders under static/ that hold third-party front-end libraries. */
const STATIC_LIBRARY_DIRS = new Set(['vendor', 'vendors', 'lib', 'libs', 'plugins', 'external', 'bower_components', 'node_modules'])
const DOCS_DIRS = new Set(['docs', 'doc', 'documentation', 'man'])
const TEMPLATE_DIRS = new Set(['examples', 'example', 'samples', 'sample', 'demo', 'demos', 'templates_examples', 'skeleton', 'boilerplate'])
const DOC_EXTENSIONS = new Set(['md', 'rst', 'adoc', 'ipynb', 'tex', 'mdx'])
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.tmpl', '.dist', '.defaults', '.default', '.skel']
const DEV_NAME_WORDS = ['dev', 'development', 'local', 'test', 'tests', 'testing', 'ci', 'debug', 'override']

function extension(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1)
}

const isComposeName = (name: string): boolean => /^(docker-)?compose([._-].*)?\.ya?ml$/.test(name)

function isTestFile(name: string): boolean {
  if (TEST_FILES.has(name)) return true
  if (name.startsWith('test_') || name.startsWith('tests_')) return true
  if (/_tests?\.py$/.test(name)) return true
  // *.spec.js, *.test.ts, *.test.env, *.spec.yml
  return /\.(spec|test)\.[a-z0-9]+$/.test(name)
}

/** A file used only by CI, development or tests because of its name (compose files, env files, Dockerfiles). */
function devDeployName(name: string): boolean {
  const lower = name.toLowerCase()
  // the whole name: `Dockerfile.dev` and `.env.local` carry the word in their "extension"
  const words = lower.split(/[._-]+/).filter(Boolean)
  const deployish = isComposeName(lower) || lower.startsWith('dockerfile') || lower.endsWith('.dockerfile') || lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env') || lower.startsWith('procfile')
  return deployish && words.slice(1).some((w) => DEV_NAME_WORDS.includes(w))
}

const KEY_FILE = /\.(key|pem|crt|p12|pfx|jks|keystore)$/
const THROWAWAY_KEY_WORDS = new Set([...DEV_NAME_WORDS, 'localhost', 'dummy', 'fake', 'snakeoil', 'selfsigned', 'insecure', 'example', 'sample'])

/** Key material whose name says it is for development or tests (`diversity_dev_private.key`, `localhost.key`). */
function throwawayKeyName(name: string): boolean {
  return KEY_FILE.test(name) && name.split(/[._-]+/).some((w) => THROWAWAY_KEY_WORDS.has(w))
}

export function classifyFile(path: string): FileClass {
  const parts = path.split('/')
  const name = (parts[parts.length - 1] ?? '').toLowerCase()
  const dirs = parts.slice(0, -1).map((d) => d.toLowerCase())
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i]
    // the folder named in the reason, built only for the answer (this runs for every file of a tree, often)
    const where = (): string => `${parts.slice(0, i + 1).join('/')}/`
    if (VENDOR_DIRS.has(d) || /^(lib|lib64)$/.test(d) && dirs[i + 1]?.startsWith('python')) return { kind: 'vendored', why: `it is vendored or generated code (${where()})` }
    if (d === 'static' && dirs.slice(i + 1).some((x) => STATIC_LIBRARY_DIRS.has(x))) return { kind: 'vendored', why: `it is a vendored static library (${where()})` }
  }
  if (/\.min\.(js|css)(\.map)?$/.test(name) || name.endsWith('.js.map') || name.endsWith('-min.js')) return { kind: 'vendored', why: 'it is a minified bundle' }
  if (dirs[0] === '.github' || dirs.some((d) => CI_DIRS.has(d)) || CI_FILES.has(name)) return { kind: 'ci', why: 'it is a CI configuration file' }
  for (let i = 0; i < dirs.length; i++)
    if (TEST_DIRS.has(dirs[i]) || dirs[i].endsWith('_tests') || dirs[i].startsWith('test_')) return { kind: 'test', why: `it is in test code (${parts.slice(0, i + 1).join('/')}/)` }
  if (isTestFile(name)) return { kind: 'test', why: `it is test code (${parts[parts.length - 1]})` }
  if (dirs.some((d) => DEV_DIRS.has(d))) return { kind: 'development', why: `it is in a development-only folder (${parts.slice(0, dirs.findIndex((d) => DEV_DIRS.has(d)) + 1).join('/')}/)` }
  if (throwawayKeyName(name)) return { kind: 'development', why: `${parts[parts.length - 1]} is named as a development or test key` }
  if (devDeployName(name)) return { kind: 'development', why: `${parts[parts.length - 1]} is named for development or tests` }
  if (dirs.some((d) => DOCS_DIRS.has(d)) || DOC_EXTENSIONS.has(extension(name)) || name === 'readme' || name === 'changelog') return { kind: 'docs', why: 'it is documentation' }
  if (TEMPLATE_SUFFIXES.some((s) => name.endsWith(s)) || /(^|[._-])(example|sample|template)([._-]|$)/.test(name)) return { kind: 'template', why: `${parts[parts.length - 1]} is a template or example meant to be copied` }
  if (dirs.some((d) => TEMPLATE_DIRS.has(d))) return { kind: 'template', why: 'it is in example code' }
  return PRODUCTION
}

export const isProductionFile = (path: string): boolean => classifyFile(path).kind === 'production'
