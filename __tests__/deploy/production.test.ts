// heldToProduction reads the parsers' reasons for a development role: these tests pin that coupling,
// so a reworded reason in compose.ts or command.ts fails here rather than silencing the deploy rules.
import { describe, expect, it } from '@jest/globals'
import { deploymentsOf } from '../../src/deploy/index.js'
import { heldToProduction, runsRunserver } from '../../src/deploy/production.js'
import { MapFileSet } from '../../src/sources/changeset.js'

const of = (path: string, text: string) => deploymentsOf(path, text, new MapFileSet(new Map([[path, text]])))

describe('which deployments the deploy rules hold to production standards', () => {
  it('a production Dockerfile running runserver', () => {
    const [d] = of('Dockerfile', 'FROM python:3.12\nCMD ["python", "manage.py", "runserver"]\n')
    expect(d.role).toBe('development')
    expect(runsRunserver(d)).toBe(true)
    expect(heldToProduction(d)).toBe(true)
  })

  it('the deploy step of a CI file (Cloud Build, a GitHub workflow) deploys production', () => {
    const [build] = of('cloudbuild.yaml', 'steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ["run", "deploy", "web"]\n')
    const [workflow] = of('.github/workflows/deploy.yml', 'jobs:\n  deploy:\n    steps:\n      - uses: azure/webapps-deploy@v3\n')
    expect(heldToProduction(build)).toBe(true)
    expect(heldToProduction(workflow)).toBe(true)
  })

  it('a compose service taken as development only because it turns DEBUG on: production in a compose file named for production', () => {
    const text = 'services:\n  web:\n    build: .\n    command: gunicorn app.wsgi\n    environment:\n      - DEBUG=1\n'
    const [plain] = of('docker-compose.yml', text)
    const [prod] = of('docker-compose.prod.yml', text)
    expect(plain.role).toBe('development')
    expect(heldToProduction(plain)).toBe(false)
    expect(heldToProduction(prod)).toBe(true)
    // a change that turns DEBUG on in a service that served before
    const [before] = of('docker-compose.yml', text.replace('      - DEBUG=1\n', '      - X=1\n'))
    expect(before.role).toBe('serving')
    expect(heldToProduction(plain, [before])).toBe(true)
  })

  it('development files and other development signs stay development', () => {
    expect(heldToProduction(of('Dockerfile.dev', 'FROM python:3.12\nCMD ["gunicorn", "app.wsgi"]\n')[0])).toBe(false)
    expect(heldToProduction(of('Procfile.windows', 'web: python manage.py runserver\n')[0])).toBe(false)
    expect(heldToProduction(of('docker-compose.yml', 'services:\n  web:\n    build: .\n    command: gunicorn app.wsgi\n    volumes:\n      - .:/app\n')[0])).toBe(false)
    expect(heldToProduction(of('Procfile', 'web: gunicorn app.wsgi\n')[0])).toBe(true)
  })
})
