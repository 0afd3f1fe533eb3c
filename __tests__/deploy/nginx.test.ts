// nginx configurations the repository ships: the headers a server passing requests to the app adds.
import { describe, expect, it } from '@jest/globals'
import { isNginxConfig, proxyHeaders } from '../../src/deploy/nginx.js'

const SITE = ['server {', '    listen 80;', '    add_header X-Frame-Options "DENY" always;  # no framing', '    # add_header Strict-Transport-Security "max-age=63072000";', '    location / {', '        proxy_pass http://app:8000;', '    }', '}'].join('\n')

describe('nginx configurations', () => {
  it('names nginx configurations of the site, not development or test ones', () => {
    expect(isNginxConfig('deployment/docker/nginx.conf')).toBe(true)
    expect(isNginxConfig('docker/nginx/sites-enabled/default')).toBe(true)
    expect(isNginxConfig('config/nginx.conf.erb')).toBe(true)
    expect(isNginxConfig('docker/dev/nginx.conf')).toBe(false)
    expect(isNginxConfig('deployment/apache.conf')).toBe(false)
  })

  it('the headers added by a server that passes requests on, commented lines left out', () => {
    expect(proxyHeaders('nginx.conf', SITE)).toEqual([{ name: 'x-frame-options', value: 'DENY', path: 'nginx.conf', line: 3 }])
  })

  it('a server that only serves files adds headers to nothing the application answers', () => {
    expect(proxyHeaders('nginx.conf', SITE.replace('proxy_pass http://app:8000;', 'root /srv/static;'))).toEqual([])
  })
})
