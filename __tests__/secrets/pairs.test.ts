// Key/value extraction, one line at a time, in every syntax.
import { describe, expect, it } from '@jest/globals'
import { namedKind } from '../../src/secrets/classify.js'
import { pairsOfLine } from '../../src/secrets/pairs.js'

const secretName = (k: string): boolean => namedKind(k) !== undefined
/** [key, value] of every pair; `code` for source files. */
const kv = (line: string, code = false): [string, string][] => pairsOfLine(line, code, secretName).map((p) => [p.key, p.value])
const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'

describe('pairsOfLine: Python', () => {
  it.each([
    [`SECRET_KEY = "${KEY}"`, [['SECRET_KEY', KEY]]],
    [`SECRET_KEY: str = '${KEY}'`, [['SECRET_KEY', KEY]]],
    [`    secret_key: Final[str] = "${KEY}"`, [['secret_key', KEY]]],
    [`os.environ["DJANGO_SECRET_KEY"] = "${KEY}"`, [['DJANGO_SECRET_KEY', KEY]]],
    [`DATABASES["default"]["PASSWORD"] = "pw-Xk9vQ2mW"`, [['PASSWORD', 'pw-Xk9vQ2mW']]],
    [`settings.SECRET_KEY = "${KEY}"`, [['settings.SECRET_KEY', KEY]]],
    [`ENCRYPTION_KEY = b"c2VjcmV0LWJ5dGVz"`, [['ENCRYPTION_KEY', 'c2VjcmV0LWJ5dGVz']]],
    [`        'PASSWORD': 'pw-Xk9vQ2mW',`, [['PASSWORD', 'pw-Xk9vQ2mW']]],
    [`SIMPLE_JWT = {"SIGNING_KEY": "abc", "ALGORITHM": "HS256"}`, [['SIGNING_KEY', 'abc'], ['ALGORITHM', 'HS256']]],
    [`psycopg2.connect(host="db", password="pw-Xk9vQ2mW")`, [['host', 'db'], ['password', 'pw-Xk9vQ2mW']]]
  ])('%s', (line, expected) => {
    expect(kv(line, true)).toEqual(expected)
  })

  it('names env-var defaults after the variable', () => {
    expect(kv(`SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${KEY}")`, true)).toEqual([['DJANGO_SECRET_KEY', KEY]])
    expect(kv(`SECRET_KEY = os.getenv('SECRET_KEY', '${KEY}')`, true)).toEqual([['SECRET_KEY', KEY]])
    expect(kv(`SECRET_KEY = env("DJANGO_SECRET_KEY", default="${KEY}")`, true)).toEqual([['DJANGO_SECRET_KEY', KEY]])
    expect(kv(`SECRET_KEY = config('SECRET_KEY', default='${KEY}', cast=str)`, true)).toEqual([['SECRET_KEY', KEY]])
    expect(kv(`os.environ.setdefault("DJANGO_SECRET_KEY", "${KEY}")`, true)).toEqual([['DJANGO_SECRET_KEY', KEY]])
    expect(kv(`env = environ.Env(DEBUG=(bool, False), SECRET_KEY=(str, "${KEY}"))`, true)).toEqual([['SECRET_KEY', KEY]])
  })

  it('names `or` fallbacks after the assignment target', () => {
    expect(kv(`SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "${KEY}"`, true)).toEqual([['SECRET_KEY', KEY]])
    expect(kv(`const apiKey = process.env.API_KEY || "abc123XYZ789def"`, true)).toEqual([['apiKey', 'abc123XYZ789def']])
  })

  it('reads list elements under the list’s name', () => {
    expect(kv(`SECRET_KEY_FALLBACKS = ["old-1", "${KEY}"]`, true)).toEqual([['SECRET_KEY_FALLBACKS', 'old-1'], ['SECRET_KEY_FALLBACKS', KEY]])
    expect(kv(`X = os.getenv("a", "b")`, true)).toEqual([['a', 'b']]) // a config read's first argument names the second, not a list
  })

  it('reads well-known positional credentials', () => {
    expect(kv('User.objects.create_superuser("admin", "ops@example.com", "Adm1n-Pw-9x")', true)).toContainEqual(['password', 'Adm1n-Pw-9x'])
    expect(kv('admin.set_password("Adm1n-Pw-9x")', true)).toEqual([['password', 'Adm1n-Pw-9x']])
    expect(kv('server.login("alerts@example.com", "Sm7p-Pw-9x")', true)).toEqual([['password', 'Sm7p-Pw-9x']])
    expect(kv('requests.post(url, auth=("api", "key-0123abcd"))', true)).toEqual([['auth', 'key-0123abcd']])
  })

  it('splits Authorization values into scheme and credential', () => {
    const [p] = pairsOfLine('headers = {"Authorization": "Token 9f8e7d6c5b4a"}', true, secretName)
    expect([p.key, p.value, p.kindHint]).toEqual(['Authorization', '9f8e7d6c5b4a', 'token'])
    expect(pairsOfLine('h = {"Authorization": "Basic dXNlcjpwYXNz"}', true, secretName)[0].kindHint).toBe('password')
  })

  it('looks inside string literals for query strings, headers and conninfo, never at bare code', () => {
    expect(kv('URL = "https://api.example.net/v1?format=json&access_token=Um9Q6l9Unh7fLm&x=1"', true)).toContainEqual(['access_token', 'Um9Q6l9Unh7fLm'])
    expect(kv('psycopg.connect("dbname=shop user=shop password=Xk9vQ2mW host=db")', true)).toContainEqual(['password', 'Xk9vQ2mW'])
    expect(kv('client.login(password=pw_var)', true)).toEqual([])
    expect(kv('PASSWORD = DB_PASSWORD', true)).toEqual([])
  })

  it('ignores comparisons', () => {
    expect(kv('if password == "hunter2":', true)).toEqual([])
    expect(kv('if token != "":', true)).toEqual([])
  })

  it('gives the column of the value', () => {
    const line = `SECRET_KEY = "${KEY}"`
    const [p] = pairsOfLine(line, true)
    expect(line.slice(p.column, p.column + p.value.length)).toBe(KEY)
  })
})

describe('pairsOfLine: data and shell files', () => {
  it.each([
    [`SECRET_KEY=${KEY}`, [['SECRET_KEY', KEY]]],
    [`export DJANGO_SECRET_KEY='${KEY}'`, [['DJANGO_SECRET_KEY', KEY]]],
    [`  DJANGO_SECRET_KEY: "${KEY}"`, [['DJANGO_SECRET_KEY', KEY]]],
    [`  password: s3cr3t-Pw`, [['password', 's3cr3t-Pw']]],
    [`      - POSTGRES_PASSWORD=s3cr3t-Pw`, [['POSTGRES_PASSWORD', 's3cr3t-Pw']]],
    [`ENV DJANGO_SECRET_KEY ${KEY}`, [['DJANGO_SECRET_KEY', KEY]]],
    [`    DJANGO_SECRET_KEY = abcdef0123456789`, [['DJANGO_SECRET_KEY', 'abcdef0123456789']]],
    [`{"SECRET_KEY": "${KEY}", "DEBUG": false}`, [['SECRET_KEY', KEY]]],
    [`    "SECRET_KEY": {"value": "${KEY}"},`, [['SECRET_KEY', KEY]]]
  ])('%s', (line, expected) => {
    expect(kv(line).filter(([k]) => secretName(k))).toEqual(expected)
  })

  it('reads inline assignments: shell prefixes, -e, Procfile, .npmrc, connection strings', () => {
    expect(kv('release: DJANGO_SECRET_KEY=abc123def456 python manage.py migrate')).toContainEqual(['DJANGO_SECRET_KEY', 'abc123def456'])
    expect(kv('docker run -e DJANGO_SECRET_KEY=abc123def456 -p 8000:8000 shop')).toContainEqual(['DJANGO_SECRET_KEY', 'abc123def456'])
    expect(kv('//registry.npmjs.org/:_authToken=npm_abc123')).toContainEqual(['_authToken', 'npm_abc123'])
    expect(kv('X=DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=YWJjZGVm==;EndpointSuffix=core.windows.net')).toContainEqual(['AccountKey', 'YWJjZGVm=='])
    expect(kv('jdbc.url=jdbc:postgresql://db/x?user=etl&password=Xk9vQ2mW')).toContainEqual(['password', 'Xk9vQ2mW'])
  })

  it('reads --flag value options, command words and directives', () => {
    expect(kv('    command: redis-server --requirepass Xk9vQ2mW7pLs')).toContainEqual(['requirepass', 'Xk9vQ2mW7pLs'])
    expect(kv('mysqldump --password=Xk9vQ2mW shop')).toContainEqual(['--password', 'Xk9vQ2mW'])
    expect(kv('aws configure set aws_secret_access_key wJalrXUtnFEMIK7MDENGbPxRfiCY')).toContainEqual(['aws_secret_access_key', 'wJalrXUtnFEMIK7MDENGbPxRfiCY'])
    expect(kv("sshpass -p 'Xk9vQ2mW' ssh deploy@host")).toContainEqual(['password', 'Xk9vQ2mW'])
    expect(kv('requirepass Xk9vQ2mW7pLs')).toEqual([['requirepass', 'Xk9vQ2mW7pLs']])
    expect(kv('requirepass is set below')).toEqual([])
  })

  it('reads HTTP headers, on a line or inside a quoted -H argument', () => {
    expect(kv('X-Auth-Token: q8W2mZ7xK4vN9pR3')).toContainEqual(['X-Auth-Token', 'q8W2mZ7xK4vN9pR3'])
    expect(kv('curl -H "X-Api-Key: q8W2mZ7xK4vN9pR3" https://x')).toContainEqual(['X-Api-Key', 'q8W2mZ7xK4vN9pR3'])
    expect(kv('Authorization: Bearer q8W2mZ7xK4vN9pR3')).toEqual([['Authorization', 'q8W2mZ7xK4vN9pR3']])
  })

  it('does not read a YAML quoted value twice (once as a header value with its quotes)', () => {
    expect(kv(`  secret-key: "${KEY}"`)).toEqual([['secret-key', KEY]])
  })

  it('leaves expressions, YAML tags, block scalars and flow collections alone', () => {
    expect(kv('SECRET_KEY=get_secret(name)')).toEqual([])
    expect(kv('db_password: !vault |')).toEqual([])
    expect(kv('Value: !Ref DjangoSecretKey')).toEqual([])
    expect(kv('tls.key: |')).toEqual([])
    expect(kv('password: [a, b]')).toEqual([])
  })

  it('keeps parentheses that are part of a value (Django keys have them)', () => {
    expect(kv('SECRET_KEY=ab(cd)ef*gh')).toEqual([['SECRET_KEY', 'ab(cd)ef*gh']])
  })
})

describe('where a value is written', () => {
  const parts = (line: string, code = true) => pairsOfLine(line, code, secretName).map((p) => [p.key, p.value, p.parts.map((x) => line.slice(x.start, x.end))])

  it('joins Python’s implicit and + concatenation into one value, each part where it is written', () => {
    expect(parts('SECRET_KEY = "abc\\"def" "ghi" + \'jkl\'')).toEqual([['SECRET_KEY', 'abc"defghijkl', ['abc\\"def', 'ghi', 'jkl']]])
    // outside code, two strings side by side are two words
    expect(parts('PASSWORD="abc" "def"', false)).toEqual([['PASSWORD', 'abc', ['abc']]])
  })

  it('runs an unquoted value to the end of the line in a .env or YAML file', () => {
    const line = 'smtp_password: correct horse battery  # rotate'
    expect(pairsOfLine(line, { restOfLine: true }, secretName).map((p) => p.value)).toEqual(['correct horse battery'])
    expect(pairsOfLine(line, false, secretName).map((p) => p.value)).toEqual(['correct'])
  })
})

describe('what is not a key/value pair', () => {
  it('takes a call’s first argument for a name only when the call reads configuration', () => {
    expect(kv("program.option('--auth <username:password>', 'Add basic HTTP authentication header')", true)).toEqual([])
    expect(kv('x = f("SECRET_KEY", "value-abc")', true)).toEqual([])
    expect(kv('SECRET_KEY = config.get("secret_key", "value-abc")', true)).toEqual([['secret_key', 'value-abc']])
  })

  it('marks f-strings and templates, and leaves shell command substitution alone', () => {
    expect(pairsOfLine('headers = {"Authorization": f"Bearer {token}"}', true, secretName).map((p) => [p.value, p.template])).toEqual([['{token}', true]])
    expect(kv('GET_SECRET_KEY=`head -c50 /dev/urandom | base64`')).toEqual([])
  })

  it('never names a value after a path, an option or a sentence', () => {
    expect(kv('"core-functionality/secrets.md": "user-guide/platform/secret.md"')).toEqual([])
  })

  it('reads a call or a subscript cut short by a quote as code', () => {
    expect(kv('  secret_data = templatefile("etc/env.tpl", {')).toEqual([])
    expect(kv('  s3_access_key = var.s3_logging_keys["access_key"]')).toEqual([])
    expect(kv('SECRET_KEY=k2(t5)y0-u_i=o+p1a2')).toEqual([['SECRET_KEY', 'k2(t5)y0-u_i=o+p1a2']])
  })
})
