// API errors no retry can mend: a rejected key or login, an account problem, a model that does
// not exist. Claude Code retries them like any other (a 401 ten times, over minutes, while the
// run looks healthy and holds a slot); Switchboard ends the session at the first one instead, with
// words that say what to fix. The run-state model (src/shared/run-state.ts) reads the first words.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describeApiError } from './transcript-normalizer';

const AUTHENTICATION = new Set([
  'authentication_failed',
  'oauth_org_not_allowed',
  'account_on_hold',
  'verification_required',
  'billing_error',
  'cloud_credential_error',
]);
const CONFIGURATION = new Set(['model_not_found']);

export interface FatalApiError {
  message: string;
  apiError: string;
  apiErrorStatus: number | null;
}

/** The failure to end the session with, when `message` is a retry of an error that cannot pass. */
export function fatalApiError(message: SDKMessage): FatalApiError | null {
  if (message.type !== 'system' || message.subtype !== 'api_retry') return null;
  const status = message.error_status;
  const words = describeApiError(message.error, status);
  if (AUTHENTICATION.has(message.error) || status === 401 || status === 403) {
    return {
      message:
        `Authentication failed: ${words}. Check ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN in ` +
        'Settings → Secrets, or sign in to Claude Code again; trying again would fail the same way.',
      apiError: message.error,
      apiErrorStatus: status,
    };
  }
  if (CONFIGURATION.has(message.error) || status === 404) {
    return {
      message: `Configuration error: ${words}. Check the task's model; trying again would fail the same way.`,
      apiError: message.error,
      apiErrorStatus: status,
    };
  }
  return null;
}
