import { describe, expect, it } from '@jest/globals'
import { maskFile } from '../../src/redact/file.js'

const BODY = ['MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi+5ylDiTMFDeNtXGyyZ9tCuTMk', 'Ab8VgQ2hX0wYl9K5pR3sT7uV1yZ4cE6fH8jL0nP2qS4tU6vW8xY0zA2bC4dE6fG8']

describe('maskFile', () => {
  it('masks every part of a value as written: escapes and concatenated strings', () => {
    const { lines } = maskFile('mysite/settings.py', `SECRET_KEY = "abc\\"def-ghijk" "lmnopqrs" + "tuvwxyz1"\nDB_PASSWORD = (\n    "Xk9vQ2"\n    "mW7pLs"\n)\n`)
    expect(lines.slice(0, 4)).toEqual(['SECRET_KEY = "ab****" "****" + "****z1"', 'DB_PASSWORD = (', '    "Xk****"', '    "****Ls"'])
  })

  it('masks a whole private key: in a triple-quoted string, and escaped on one line', () => {
    const py = maskFile('app/keys.py', `PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----\n${BODY.join('\n')}\n-----END RSA PRIVATE KEY-----"""\nX = 1\n`).lines
    expect(py).toEqual(['PRIVATE_KEY = """****', '****', '****', '****"""', 'X = 1', ''])
    const env = maskFile('.env', `JWT_KEY="-----BEGIN PRIVATE KEY-----\\n${BODY[0]}\\n-----END PRIVATE KEY-----\\n"\n`).lines
    expect(env[0]).toBe('JWT_KEY="****\\n"')
  })

  it('masks values with spaces whole (an env file, a YAML plain scalar)', () => {
    expect(maskFile('deploy/app.env', 'SMTP_PASSWORD=correct horse battery staple\n').lines[0]).toBe('SMTP_PASSWORD=co****le')
    expect(maskFile('k8s/config.yaml', 'db_password: correct horse battery  # rotate\n').lines[0]).toBe('db_password: co****ry  # rotate')
  })

  it('masks the secret of an AWS credentials.csv next to the detected key id', () => {
    const csv = 'User name,Password,Access key ID,Secret access key\nci,,AKIAZ3MSJV4TLWQ7PHXN,wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9kLm2Ab1\n'
    expect(maskFile('credentials.csv', csv).lines[1]).toBe('ci,,AK****XN,wJ****b1')
  })

  it('masks values under secret names even when they are too weak to report, and short ones with at most one character at each end', () => {
    expect(maskFile('app/settings.py', 'EMAIL_HOST_PASSWORD = "changeme"\nDB_PASSWORD = "pw1"\nAPI_TOKEN = "tok-123"\n').lines.slice(0, 3)).toEqual(['EMAIL_HOST_PASSWORD = "ch****me"', 'DB_PASSWORD = "****"', 'API_TOKEN = "t****3"'])
  })

  it('masks a database URL whose password holds a slash', () => {
    expect(maskFile('docker-compose.yml', '      - DATABASE_URL=postgres://shop:Pg-s3cr/et-2026@db:5432/shop\n').lines[0]).toBe('      - DATABASE_URL=postgres://shop:Pg****26@db:5432/shop')
  })

  it('lists what free text may quote: reported values and how each part is written', () => {
    expect(maskFile('mysite/settings.py', 'SECRET_KEY = "abc\\"def-ghijk" "lmnopqrs"\nX_PASSWORD = "changeme"\n').quotable).toEqual(['abc"def-ghijklmnopqrs', 'abc\\"def-ghijk', 'lmnopqrs'])
  })
})
