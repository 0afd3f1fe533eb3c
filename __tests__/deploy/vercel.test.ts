// Vercel: a vercel.json that serves Python is a deployment with Vercel's variables and its env map.
import { describe, expect, it } from '@jest/globals'
import { deploymentsOf, findDeployments, isDeployFile } from '../../src/deploy/index.js'
import { isVercelFile, vercelDeployments } from '../../src/deploy/vercel.js'
import { envLines, envValues, fileSet } from './helpers.js'

const TEMPLATE = `{
  "builds": [
    { "src": "shop/wsgi.py", "use": "@vercel/python", "config": { "maxLambdaSize": "15mb" } },
    { "src": "build.sh", "use": "@vercel/static-build", "config": { "distDir": "staticfiles_build" } }
  ],
  "routes": [
    { "src": "/static/(.*)", "dest": "/static/$1" },
    { "src": "/(.*)", "dest": "shop/wsgi.py" }
  ],
  "env": {
    "DJANGO_DEBUG": "False",
    "DJANGO_SECRET_KEY": "@shop-secret-key"
  }
}
`

describe('isVercelFile', () => {
  it.each(['vercel.json', 'backend/vercel.json', 'now.json'])('%s is a Vercel file and a deploy file', (path) => {
    expect(isVercelFile(path)).toBe(true)
    expect(isDeployFile(path)).toBe(true)
  })
  it.each(['vercel.json.bak', 'vercel.ts', 'package.json'])('%s is not', (path) => {
    expect(isVercelFile(path)).toBe(false)
  })
})

describe('vercelDeployments', () => {
  it('the @vercel/python build is one serving deployment: its env map, with Vercel’s own variables; a secret is set to an unknown value', () => {
    const [d, ...rest] = vercelDeployments('vercel.json', TEMPLATE, fileSet())
    expect(rest).toEqual([])
    expect(d).toMatchObject({ path: 'vercel.json', line: 2, name: 'vercel.json', role: 'serving' })
    expect(envValues(d)).toEqual({ DJANGO_DEBUG: 'False', DJANGO_SECRET_KEY: undefined })
    expect(envLines(d)).toEqual({ DJANGO_DEBUG: 'vercel.json:11', DJANGO_SECRET_KEY: 'vercel.json:12' })
    expect(d.env.get('VERCEL')).toMatchObject({ value: '1', platform: true })
    expect(d.env.get('VERCEL_ENV')).toMatchObject({ value: 'production', platform: true })
    expect(d.env.get('VERCEL_URL')).toMatchObject({ value: undefined, platform: true })
    // the wsgi.py it builds selects the module with its default, as for a Procfile's `gunicorn shop.wsgi`
    expect(d.settings).toBeUndefined()
  })

  it('a settings module in env is the deployment’s', () => {
    const [d] = vercelDeployments('vercel.json', '{"builds":[{"src":"api/index.py","use":"@vercel/python"}],"env":{"DJANGO_SETTINGS_MODULE":"shop.settings.vercel"}}', fileSet())
    expect(d.settings).toMatchObject({ value: 'shop.settings.vercel', path: 'vercel.json' })
  })

  it.each([
    ['Python functions', '{"functions":{"api/index.py":{"maxDuration":30}}}'],
    ['a rewrite to a Python file', '{"rewrites":[{"source":"/(.*)","destination":"/api/wsgi.py"}]}'],
    ['a community Python builder', '{"builds":[{"src":"index.py","use":"@ardnt/vercel-python-wsgi"}]}']
  ])('%s serve Python', (_what, text) => {
    expect(vercelDeployments('vercel.json', text, fileSet())).toHaveLength(1)
  })

  it('a vercel.json beside manage.py or api/*.py serves the project (zero configuration)', () => {
    const text = '{"rewrites":[{"source":"/(.*)","destination":"/api/index"}]}'
    expect(vercelDeployments('vercel.json', text, fileSet({ 'api/index.py': 'from shop.wsgi import app\n' }))).toHaveLength(1)
    expect(vercelDeployments('backend/vercel.json', '{}', fileSet({ 'backend/manage.py': '' }))).toHaveLength(1)
  })

  it('a front end’s vercel.json serves no Django', () => {
    const frontend = '{"rewrites":[{"source":"/(.*)","destination":"/index.html"}],"env":{"DEBUG":"true"}}'
    const files = fileSet({ 'frontend/vercel.json': frontend, 'frontend/package.json': '{}', 'manage.py': '', 'api/views.py': '' })
    expect(findDeployments(files)).toEqual([])
    expect(vercelDeployments('vercel.json', '{"builds":[{"src":"package.json","use":"@vercel/next"}]}', fileSet())).toEqual([])
  })

  it('an example’s vercel.json is not production; broken JSON describes nothing', () => {
    expect(vercelDeployments('examples/vercel.json', TEMPLATE, fileSet())[0]).toMatchObject({ role: 'development' })
    expect(deploymentsOf('vercel.json', '{"builds": [', fileSet())).toEqual([])
    expect(deploymentsOf('vercel.json', 'null', fileSet())).toEqual([])
  })
})
