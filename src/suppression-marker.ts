/** What every inline suppression comment holds (see suppressions.ts): a file without it suppresses nothing. */
export const SUPPRESSION_MARKER = 'django-security:'
