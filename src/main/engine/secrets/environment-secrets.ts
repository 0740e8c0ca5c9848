// Which variables of the engine's own environment hold secrets (an ANTHROPIC_API_KEY exported
// before `serve`, a GITHUB_TOKEN): their values are redacted from everything a run records, as
// keychain values are. Decided by name, since a value cannot be told apart from other text.

/**
 * A name part ending in one of these marks a secret wherever it appears: GITHUB_TOKEN,
 * npm_config__authToken, DB_PASSWORD, AWS_SECRET_ACCESS_KEY, OPENAI_APIKEY.
 */
const SECRET_PART = /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?|APIKEY)$/;
/** The last part that marks a secret: ANTHROPIC_API_KEY, STRIPE_KEY (not KEYBOARD_LAYOUT). */
const SECRET_LAST_PARTS = new Set(['KEY', 'PAT', 'AUTH']);
/** Values shorter than this are flags and counts ("1", "true"), not secrets worth hiding. */
export const MIN_ENV_SECRET_LENGTH = 8;

export function isSecretName(name: string): boolean {
  const parts = name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const last = parts.at(-1);
  return (
    parts.some((part) => SECRET_PART.test(part)) ||
    (last !== undefined && SECRET_LAST_PARTS.has(last))
  );
}

/** The secret-looking variables of `env`, by name. */
export function secretsInEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= MIN_ENV_SECRET_LENGTH && isSecretName(name)) {
      found[name] = value;
    }
  }
  return found;
}
