// Constructs over several lines, fed one line at a time as the detector does.
import { describe, expect, it } from '@jest/globals'
import { namedKind } from '../../src/secrets/classify.js'
import { continueCarry, finishCarry, openCarry, type Carry } from '../../src/secrets/carry.js'

const secretName = (k: string): boolean => namedKind(k) !== undefined
const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'

describe('multi-line constructs', () => {
  /** Runs openCarry/continueCarry over the lines and returns what the carried lines contribute. */
  function carried(text: string, code = true): [string, string][] {
    let carry: Carry | undefined
    const out: [string, string][] = []
    const lines = text.split('\n')
    lines.forEach((line, i) => {
      if (carry) {
        const step = continueCarry(line, carry, code)
        out.push(...step.pairs.map((p): [string, string] => [p.key, p.value]))
        carry = step.carry
        if (carry) return // a line that goes on with a construct does not open another
      }
      carry = openCarry(line, secretName, lines[i - 1])
    })
    if (carry) out.push(...finishCarry(carry).map((p): [string, string] => [p.key, p.value]))
    return out
  }

  it('follows black-formatted env reads', () => {
    expect(carried(`SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${KEY}",\n)`)).toEqual([['SECRET_KEY', KEY]])
    expect(carried(`SECRET_KEY = os.environ.get(\n    "DJANGO_SECRET_KEY",\n    "${KEY}",\n)`)).toEqual([['SECRET_KEY', KEY]])
    expect(carried(`SECRET_KEY = os.environ.get(\n    "DJANGO_SECRET_KEY", "${KEY}"\n)`)).toEqual([['SECRET_KEY', KEY]])
    expect(carried(`os.environ.setdefault(\n    "DJANGO_SECRET_KEY",\n    "${KEY}",\n)`)).toEqual([['DJANGO_SECRET_KEY', KEY]])
  })

  it('does not take the environment variable’s name for its value', () => {
    expect(carried('SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n)')).toEqual([])
  })

  it('follows lists under a secret name, up to the closing bracket', () => {
    expect(carried('SECRET_KEY_FALLBACKS = [\n    "k1-abc",\n    "k2-def",\n]\nOTHER = ["x"]')).toEqual([['SECRET_KEY_FALLBACKS', 'k1-abc'], ['SECRET_KEY_FALLBACKS', 'k2-def']])
  })

  it('follows Kubernetes, Render, app.json and Terraform name/value entries', () => {
    expect(carried(`- name: DJANGO_SECRET_KEY\n  value: "${KEY}"`, false)).toEqual([['DJANGO_SECRET_KEY', KEY]])
    expect(carried('  - key: SECRET_KEY\n    value: abcdef0123456789', false)).toEqual([['SECRET_KEY', 'abcdef0123456789']])
    expect(carried(`"SECRET_KEY": {\n  "description": "Django key",\n  "value": "${KEY}"\n}`, false)).toEqual([['SECRET_KEY', KEY]])
    expect(carried(`variable "django_secret_key" {\n  type    = string\n  default = "${KEY}"\n}`, false)).toEqual([['django_secret_key', KEY]])
  })

  it('stops at references and at the next entry', () => {
    expect(carried('- name: DJANGO_SECRET_KEY\n  valueFrom:\n    secretKeyRef:\n      key: secret-key', false)).toEqual([])
    expect(carried('- name: DJANGO_SECRET_KEY\n- name: DEBUG\n  value: "0"', false)).toEqual([])
    expect(carried('- name: DEBUG\n  value: "0"', false)).toEqual([])
  })

  it('joins strings in parentheses, one value per tuple element', () => {
    expect(carried('DB_PASSWORD = (\n    "Xk9vQ2"\n    "mW7pLs"\n)')).toEqual([['DB_PASSWORD', 'Xk9vQ2mW7pLs']])
    expect(carried('SECRET_KEY_FALLBACKS = (\n    "k1-abc",\n    "k2-def",\n)')).toEqual([['SECRET_KEY_FALLBACKS', 'k1-abc'], ['SECRET_KEY_FALLBACKS', 'k2-def']])
  })

  it('follows a quoted value left open and a YAML block scalar to their end', () => {
    expect(carried('PASSPHRASE = """first line\nsecond line"""\nX = 1')).toEqual([['PASSPHRASE', 'first line\nsecond line']])
    expect(carried('db_password: |\n  line one\n  line two\nnext: x', false)).toEqual([['db_password', 'line one\nline two']])
    expect(carried('db_password: >-\n  at the end', false)).toEqual([['db_password', 'at the end']])
  })

  it('does not read list elements or tuple members as a name and its value', () => {
    expect(carried('__all__ = (\n    "SecretError",\n    "SecretParametersError",\n)')).toEqual([])
    expect(carried('fields = [\n    "password1",\n    "first_name",\n]')).toEqual([])
    expect(carried('X = os.environ.get(\n    "DB_PASSWORD",\n    "Xk9vQ2mW7pLs",\n)')).toEqual([['DB_PASSWORD', 'Xk9vQ2mW7pLs']])
  })

  it('takes a YAML entry’s value from below it, never from a sibling', () => {
    expect(carried('  DB_PASSWORD:\n  DB_USER:\n    value: "reader"', false)).toEqual([])
    expect(carried('  DB_PASSWORD:\n    value: "Xk9vQ2mW7pLs"', false)).toEqual([['DB_PASSWORD', 'Xk9vQ2mW7pLs']])
  })
})
