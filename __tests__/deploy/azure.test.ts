// Azure App Service: azure.yaml services hosted on appservice, and azure/webapps-deploy workflow steps.
import { describe, expect, it } from '@jest/globals'
import { azdDeployments, isAzdFile } from '../../src/deploy/azure.js'
import { findDeployments, isDeployFile } from '../../src/deploy/index.js'
import { workflowDeployments } from '../../src/deploy/workflows.js'
import { envValues, fileSet } from './helpers.js'

const AZD = `name: shop
services:
  web:
    project: .
    language: py
    host: appservice
  jobs:
    project: ./jobs
    language: py
    host: function
`

const WORKFLOW = `name: Deploy to Azure
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      DJANGO_SETTINGS_MODULE: shop.settings_test
    steps:
      - uses: actions/checkout@v4
      - run: python manage.py test
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - name: Deploy to Azure Web App
        id: deploy-to-webapp
        uses: azure/webapps-deploy@v3
        with:
          app-name: shop
          publish-profile: \${{ secrets.AZUREAPPSERVICE_PUBLISHPROFILE }}
`

const platformVariables = (env: Map<string, { platform?: true }>): string[] => [...env].filter(([, e]) => e.platform).map(([k]) => k)

describe('azure.yaml', () => {
  it('is a deploy file', () => {
    expect(isAzdFile('azure.yaml')).toBe(true)
    expect(isDeployFile('infra/azure.yml')).toBe(true)
    expect(isAzdFile('azure-pipelines.yml')).toBe(false)
  })

  it('each service hosted on App Service is a serving deployment with the variables App Service sets', () => {
    const [d, ...rest] = azdDeployments('azure.yaml', AZD)
    expect(rest).toEqual([])
    expect(d).toMatchObject({ name: 'azure.yaml service web', line: 3, role: 'serving' })
    expect(envValues(d)).toEqual({})
    expect(platformVariables(d.env)).toEqual(['WEBSITE_HOSTNAME', 'WEBSITE_SITE_NAME', 'WEBSITE_INSTANCE_ID'])
    expect(d.runsImage).toBeUndefined()
  })

  it('a containerised service runs the repository’s image; unparsable or unrelated files describe nothing', () => {
    const docker = 'services:\n  web:\n    project: .\n    host: appservice\n    docker:\n      path: ./Dockerfile\n'
    expect(azdDeployments('azure.yaml', docker)[0].runsImage).toBe(true)
    expect(azdDeployments('azure.yaml', 'services: [')).toEqual([])
    expect(azdDeployments('azure.yaml', 'name: x\n')).toEqual([])
  })
})

describe('azure/webapps-deploy', () => {
  it('the deploy step is an App Service deployment; the test job is not', () => {
    const found = workflowDeployments('.github/workflows/main_shop.yml', WORKFLOW)
    expect(found.map((d) => [d.name, d.line, d.role])).toEqual([['.github/workflows/main_shop.yml step Deploy to Azure Web App', 17, 'serving']])
    expect(found[0].env.get('WEBSITE_HOSTNAME')).toMatchObject({ value: undefined, platform: true })
  })

  it('is found in a tree, read from .github/workflows only', () => {
    expect(findDeployments(fileSet({ '.github/workflows/main_shop.yml': WORKFLOW })).map((d) => d.name)).toEqual(['.github/workflows/main_shop.yml step Deploy to Azure Web App'])
    expect(findDeployments(fileSet({ 'docs/main_shop.yml': WORKFLOW }))).toEqual([])
  })
})
