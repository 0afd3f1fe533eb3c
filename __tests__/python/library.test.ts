// Library calls and idioms settings use to read their environment, in production as deployed
// (world 0) and with every variable set to "False" (world 1).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

describe('parsers of environment strings', () => {
  const src = [
    'import ast, json, os',
    'from distutils.util import strtobool',
    'from str2bool import str2bool',
    'A = ast.literal_eval(os.environ.get("A", "True"))',
    'B = ast.literal_eval(os.environ.get("B", "[\'a.example.com\', -1, {\'k\': None}]"))',
    'C = bool(strtobool(os.environ.get("C", "yes")))',
    'D = str2bool(os.environ.get("D", "no"))',
    'E = json.loads(os.environ.get("E", "{\\"debug\\": true}"))["debug"]',
    'F = int(os.environ.get("F", " 31536000 ").strip())',
    'G = os.environ.get("G", " A , b ").strip().lower().split(",")',
    'H = str2bool("maybe")'
  ].join('\n')
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']

  it('production as deployed', () => {
    expect(values(src, names)).toEqual({ A: 'True', B: "['a.example.com', -1, {'k': None}]", C: 'True', D: 'False', E: 'True', F: '31536000', G: "['a ', ' b']", H: 'None' })
  })

  it('the environment says "False"', () => {
    expect(values(src, names, 1)).toEqual({ A: 'False', B: 'False', C: 'False', D: 'False', E: '<error>', F: '<error>', G: "['false']", H: 'None' })
  })

  it('ast.literal_eval refuses what is not a literal', () => {
    expect(values('import ast\nA = ast.literal_eval("__import__(\'os\')")\nB = ast.literal_eval("example.com")\n', ['A', 'B'])).toEqual({ A: '<error>', B: '<error>' })
  })
})

describe('presence switches', () => {
  const src = [
    'import os',
    'from os import environ',
    'env = os.environ',
    'A = "DJANGO_DEBUG" in os.environ',
    'B = "DJANGO_DEBUG" in environ',
    'C = "DJANGO_DEBUG" not in env',
    'D = "DJANGO_DEBUG" in os.environ.keys()',
    'E = os.environ.get("DJANGO_DEBUG") is None',
    'F = not os.getenv("PRODUCTION")',
    'DEBUG = "PRODUCTION" not in os.environ',
    'SECURE = not DEBUG'
  ].join('\n')
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'DEBUG', 'SECURE']

  it('unset in production as deployed', () => {
    expect(values(src, names)).toEqual({ A: 'False', B: 'False', C: 'True', D: 'False', E: 'True', F: 'True', DEBUG: 'True', SECURE: 'False' })
  })

  it('set (even to "False") in the probe worlds', () => {
    expect(values(src, names, 1)).toEqual({ A: 'True', B: 'True', C: 'False', D: 'True', E: 'False', F: 'False', DEBUG: 'False', SECURE: 'True' })
  })

  it('records the presence test as a read of the variable', () => {
    expect(evaluate({ 'settings.py': src }).ns.bindings.get('B')!.env.map((r) => `${r.name} ${r.via}`)).toEqual(['DJANGO_DEBUG "X" in os.environ'])
  })
})

describe('literals compared with a variable', () => {
  it('are collected when no probe produces them, per variable, also through a name', () => {
    const src = 'import os\nSTAGE = os.environ.get("STAGE", "dev").lower()\nif STAGE == "production":\n    DEBUG = False\nelif os.environ.get("REGION") in ("eu-west", "us-east"):\n    DEBUG = True\nX = os.environ.get("X", "false").lower() in ("1", "true", "yes")\n'
    const compared = evaluate({ 'settings.py': src }).compared
    expect(Object.fromEntries([...compared].map(([k, v]) => [k, [...v]]))).toEqual({ STAGE: ['production'], REGION: ['eu-west', 'us-east'] })
  })
})

describe('environs', () => {
  it('its module-level env and Env() read like django-environ', () => {
    const src = 'from environs import env, Env\nother = Env()\nenv.read_env()\nA = env.bool("ON_HEROKU", False)\nB = other.list("HOSTS", ["a"])\n'
    expect(values(src, ['A', 'B'])).toEqual({ A: 'False', B: "['a']" })
    expect(values(src, ['A', 'B'], 1)).toEqual({ A: 'False', B: "['False']" })
  })
})
