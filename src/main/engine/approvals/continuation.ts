// The message a resumed session gets when a person decided while no session was listening: it
// says what was decided, so the agent repeats the call (answered from the stored decision) or
// goes on without it. The person is not asked again.
import type { Approval } from '../../../shared/domain';

export function continuationPrompt(decided: Approval[]): string {
  const lines = decided.map((approval) => {
    const what = describeRequest(approval);
    if (approval.status === 'allowed') {
      if (approval.kind === 'question') {
        const answers = Object.entries(approval.answers ?? {})
          .map(([question, answer]) => `"${question}" → "${answer}"`)
          .join('; ');
        return `- You asked ${what}. The person answered: ${answers}. Ask it again exactly as before to receive the answer.`;
      }
      return `- The person ALLOWED ${what}. Make that same call again, with the same input, and it will go through.`;
    }
    const reason = approval.message ? ` (${approval.message})` : '';
    return `- The person DENIED ${what}${reason}. Do not make that call; carry on without it.`;
  });
  return [
    'The session was stopped while it waited for a decision. The person has now decided:',
    ...lines,
    'Continue the task from where you left off.',
  ].join('\n');
}

function describeRequest(approval: Approval): string {
  if (approval.kind === 'question') return 'a question';
  if (approval.kind === 'folder_trust') return "loading the folder's own settings";
  if (approval.kind === 'secret' && typeof approval.input.name === 'string') {
    return `the secret ${approval.input.name} (request_secret)`;
  }
  const command = approval.input.command;
  if (typeof command === 'string') return `${approval.toolName} \`${command}\``;
  const path = approval.input.file_path;
  if (typeof path === 'string') return `${approval.toolName} on ${path}`;
  return `the ${approval.toolName} call`;
}
