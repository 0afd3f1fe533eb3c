export const TOOL_NAME = 'django-security-review'
export const TOOL_VERSION = '0.1.0'
export const TOOL_URL = 'https://github.com/django-security-review/django-security-review'
