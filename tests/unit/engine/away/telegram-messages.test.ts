// What the phone sees: requests with their buttons (callback data fits Telegram's 64 bytes and
// decodes back), no file contents, and decided messages saying who decided where.
import { describe, expect, it } from 'vitest';
import {
  decidedMessage,
  decodeAction,
  encodeAction,
  requestMessage,
} from '../../../../src/main/engine/away/telegram-messages';
import { quietUntil } from '../../../../src/main/engine/away/quiet-hours';
import type { Approval } from '../../../../src/shared/domain';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';

function approval(patch: Partial<Approval>): Approval {
  return {
    id: 'apr_1',
    runId: 'run_1',
    taskId: 'task_1',
    taskTitle: 'Deploy',
    kind: 'tool',
    toolName: 'Bash',
    toolUseId: null,
    input: { command: 'npm test' },
    title: null,
    description: null,
    questions: null,
    status: 'pending',
    message: null,
    answers: null,
    always: false,
    alwaysRules: [],
    alwaysChoices: [
      { scope: 'prefix', rules: ['Bash(npm test:*)'], label: 'npm test …', warning: null },
    ],
    createdAt: 0,
    decidedAt: null,
    expiresAt: null,
    ...patch,
  } as Approval;
}

describe('telegram messages', () => {
  it('round-trips every action within 64 bytes', () => {
    for (const action of [
      { kind: 'allow' },
      { kind: 'deny' },
      { kind: 'always', choice: 3 },
      { kind: 'option', option: 9 },
      { kind: 'approvePlan' },
      { kind: 'keepPlanning' },
    ] as const) {
      const data = encodeAction(TOKEN, action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeAction(data)).toEqual({ token: TOKEN, action });
    }
    expect(decodeAction('sb:short:a')).toBeNull();
    expect(decodeAction(`sb:${TOKEN}:x`)).toBeNull();
  });

  it('offers Allow, Deny, the narrowest Always allow and a link when a panel address is set', () => {
    const message = requestMessage(approval({}), {
      token: TOKEN,
      panelUrl: 'https://box.example/',
      replies: true,
    });
    expect(message.text).toContain('Bash: npm test');
    expect(message.keyboard.flat().map((b) => b.text)).toEqual([
      'Allow',
      'Deny',
      'Always allow: npm test …',
      'Open in Switchboard',
    ]);
    expect(message.keyboard.flat().at(-1)?.url).toBe('https://box.example/runs/run_1');
  });

  it('offers the same wider Always allow choices as the panel, saying a wide one’s warning first', () => {
    const message = requestMessage(
      approval({
        alwaysChoices: [
          { scope: 'request', rules: ['Bash(npm test:*)'], label: 'npm test …', warning: null },
          {
            scope: 'tool',
            rules: ['Bash'],
            label: 'every Bash command',
            warning: 'Any command runs without asking.',
          },
        ],
      }),
      { token: TOKEN, panelUrl: null, replies: true },
    );
    expect(message.keyboard.flat().map((b) => b.text)).toEqual([
      'Allow',
      'Deny',
      'Always allow: npm test …',
      'Always allow: every Bash command',
    ]);
    expect(decodeAction(message.keyboard[2]?.[0]?.callback_data ?? '')?.action).toEqual({
      kind: 'always',
      choice: 1,
    });
    expect(message.text).toContain(
      '⚠ Always allow: every Bash command — Any command runs without asking.',
    );
  });

  it('never sends what a file would contain, only its path', () => {
    const write = approval({
      toolName: 'Write',
      input: { file_path: '/w/.env', content: 'PASSWORD=letmein' },
      alwaysChoices: [],
    });
    const message = requestMessage(write, { token: TOKEN, panelUrl: null, replies: true });
    expect(message.text).toContain('Write: /w/.env');
    expect(message.text).not.toContain('letmein');
    expect(
      decidedMessage({ ...write, status: 'allowed' }, { fromPhone: false, at: 0 }),
    ).not.toContain('letmein');
  });

  it('offers a single question’s options, and a plan’s Approve / Keep planning', () => {
    const question = approval({
      kind: 'question',
      toolName: 'AskUserQuestion',
      questions: [
        {
          question: 'Colour?',
          header: '',
          multiSelect: false,
          options: [
            { label: 'Blue', description: '' },
            { label: 'Green', description: '' },
          ],
        },
      ],
    });
    expect(
      requestMessage(question, { token: TOKEN, panelUrl: null, replies: true })
        .keyboard.flat()
        .map((b) => b.text),
    ).toEqual(['Blue', 'Green']);
    // A channel that cannot read replies does not ask for one.
    const parts = approval({
      kind: 'question',
      toolName: 'AskUserQuestion',
      questions: [
        { question: 'Colour?', header: '', multiSelect: true, options: [] },
        { question: 'Size?', header: '', multiSelect: false, options: [] },
      ],
    });
    const ntfyText = requestMessage(parts, { token: TOKEN, panelUrl: null, replies: false }).text;
    expect(ntfyText).toContain('Answer it in Switchboard.');
    expect(ntfyText).not.toMatch(/reply/i);
    expect(
      requestMessage(question, { token: TOKEN, panelUrl: null, replies: false }).text,
    ).not.toMatch(/reply/i);
    const plan = approval({
      toolName: 'ExitPlanMode',
      input: { plan: 'Step 1' },
      alwaysChoices: [],
    });
    const shown = requestMessage(plan, { token: TOKEN, panelUrl: null, replies: true });
    expect(shown.text).toContain('Step 1');
    expect(shown.keyboard.flat().map((b) => b.text)).toEqual(['Approve', 'Keep planning']);
  });

  it('says who decided where and when', () => {
    const at = new Date(2026, 0, 5, 14, 2).getTime();
    expect(decidedMessage(approval({ status: 'allowed' }), { fromPhone: true, at })).toContain(
      'Allowed from phone at 14:02',
    );
    expect(decidedMessage(approval({ status: 'denied' }), { fromPhone: false, at })).toContain(
      'Denied in Switchboard at 14:02',
    );
  });
});

describe('quiet hours', () => {
  const at = (hours: number, minutes = 0) => new Date(2026, 0, 5, hours, minutes).getTime();
  it('holds messages until the end, across midnight', () => {
    const quiet = { from: '22:00', to: '07:00' };
    expect(quietUntil(at(23, 30), quiet)).toBe(new Date(2026, 0, 6, 7, 0).getTime());
    expect(quietUntil(at(6, 59), quiet)).toBe(at(7));
    expect(quietUntil(at(7), quiet)).toBeNull();
    expect(quietUntil(at(12), quiet)).toBeNull();
    expect(quietUntil(at(12), { from: '12:00', to: '13:00' })).toBe(at(13));
    expect(quietUntil(at(12), null)).toBeNull();
  });
});
