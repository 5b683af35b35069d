/*
 * Migration 5: tokens can expire. A console session (登录会话) is a token kept in a browser cookie; without an
 * end it stayed valid for as long as nobody signed out — on a shared office computer, for ever. Tokens of
 * scripts and the first run keep no end (NULL) unless one is asked for.
 */
export const MIGRATION_0005 = `
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
`
