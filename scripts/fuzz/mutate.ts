// Mutations of a text for the fuzzer: by bytes (flip, insert a hostile byte, delete, repeat a slice
// many times, splice from another seed) and by Python-ish tokens (swap, repeat, insert a token
// settings code uses, nest brackets, repeat a line). Deterministic for a given PRNG.

export type Rand = () => number

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
const int = (rand: Rand, n: number): number => Math.floor(rand() * n)

/** Bytes that have broken parsers before: NUL, a lone CR, an escape, invalid UTF-8, a BOM, a quote. */
const HOSTILE_BYTES = [0x00, 0x0d, 0x1b, 0xff, 0xc3, 0xe2, 0x80, 0xef, 0xbb, 0xbf, 0x22, 0x27, 0x5c, 0x0a, 0x09, 0x23, 0x3a]

/** Tokens settings modules are made of, and a few that exhaust naive code. */
const TOKENS = [
  'True', 'False', 'None', '"True"', "'0'", '""', '0', '1', '-1', '3600', '1e309', 'DEBUG', 'SECRET_KEY', 'ALLOWED_HOSTS', 'MIDDLEWARE',
  'INSTALLED_APPS', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', 'CORS_ALLOW_ALL_ORIGINS', '"*"', 'os.environ.get("DEBUG", "True")',
  'os.getenv("X")', 'env.bool("DJANGO_DEBUG", default=True)', 'config("DEBUG", default=True, cast=bool)', 'bool(os.environ.get("DEBUG"))',
  'json.loads("[[[[1]]]]")', 'from .base import *', 'from . import *', 'import os', 'globals()', 'setattr', 'exec', '"""', "'''", '#',
  '\\', '(', ')', '[', ']', '{', '}', ',', ':', '=', '==', '+=', '*', '**', '+', 'if', 'else', 'for', 'in', 'not', 'and', 'or', 'lambda',
  'try:', 'except ImportError:', 'def f(x):', 'return', 'class Settings:', '\t', '\n', '\r', '\r\n', '    ', '\u00a0', '\u202e', '𝐃𝐄𝐁𝐔𝐆',
  '# -*- coding: utf-7 -*-', 'ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2', 'postgres://u:p4ss-w0rd@db/x', '-----BEGIN RSA PRIVATE KEY-----',
  '${DJANGO_SECRET_KEY:-changeme}', '# django-security: ignore[debug-enabled] -- fuzz'
]

const kind = (c: string): number => (/\w/.test(c) ? 0 : c === ' ' ? 1 : 2)

/** Splits into tokens: runs of word characters, runs of spaces, and single other characters. */
export function tokens(text: string): string[] {
  const out: string[] = []
  let i = 0
  while (i < text.length) {
    const k = kind(text[i])
    let j = i + 1
    if (k !== 2) while (j < text.length && kind(text[j]) === k) j++
    out.push(text.slice(i, j))
    i = j
  }
  return out
}

function mutateBytes(bytes: Buffer, rand: Rand, other: Buffer): Buffer {
  const at = int(rand, bytes.length + 1)
  switch (int(rand, 6)) {
    case 0: {
      const copy = Buffer.from(bytes)
      if (copy.length) copy[Math.min(at, copy.length - 1)] ^= 1 << int(rand, 8)
      return copy
    }
    case 1:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(rand, HOSTILE_BYTES)]), bytes.subarray(at)])
    case 2:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + int(rand, 64)))])
    case 3: {
      // one slice repeated many times: long lines, many references, deep nesting
      const slice = bytes.subarray(at, at + 1 + int(rand, 40))
      return Buffer.concat([bytes.subarray(0, at), ...Array<Buffer>(1 + int(rand, 2000)).fill(slice), bytes.subarray(at)])
    }
    case 4: {
      const from = int(rand, other.length + 1)
      return Buffer.concat([bytes.subarray(0, at), other.subarray(from, from + int(rand, 400)), bytes.subarray(at)])
    }
    default:
      return bytes.subarray(0, at)
  }
}

function mutateTokens(text: string, rand: Rand): string {
  const ts = tokens(text)
  const at = int(rand, ts.length + 1)
  switch (int(rand, 6)) {
    case 0: {
      const j = int(rand, ts.length)
      if (ts.length) [ts[Math.min(at, ts.length - 1)], ts[j]] = [ts[j], ts[Math.min(at, ts.length - 1)]]
      break
    }
    case 1:
      ts.splice(at, 0, ...Array<string>(1 + int(rand, 3000)).fill(ts[at] ?? pick(rand, TOKENS)))
      break
    case 2:
      ts.splice(at, 0, pick(rand, TOKENS))
      break
    case 3: {
      const depth = 1 + int(rand, 4000)
      const [open, close] = pick(rand, [['(', ')'], ['[', ']'], ['{', '}'], ['not ', ''], ['-', ''], ['json.loads("[', ']")']])
      ts.splice(at, 0, open.repeat(depth), pick(rand, TOKENS), close.repeat(depth))
      break
    }
    case 4: {
      const lines = text.split('\n')
      const line = int(rand, lines.length)
      lines.splice(line, 0, ...Array<string>(1 + int(rand, 5000)).fill(lines[line]))
      return lines.join('\n')
    }
    default:
      ts.splice(at, 1 + int(rand, 8))
  }
  return ts.join('')
}

/** One to four mutations of `text`, each by bytes or by tokens, capped at `max` bytes. */
export function mutate(text: string, rand: Rand, other: string, max: number): string {
  let out = text
  for (let n = 1 + int(rand, 4); n > 0; n--) {
    out = rand() < 0.5 ? mutateBytes(Buffer.from(out, 'utf8'), rand, Buffer.from(other, 'utf8')).toString('utf8') : mutateTokens(out, rand)
    if (out.length > max) out = out.slice(0, max)
  }
  return out
}
