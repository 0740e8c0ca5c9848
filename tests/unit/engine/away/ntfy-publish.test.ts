// What an ntfy notification carries: Telegram-style buttons become `http` actions that publish
// their data to the reply topic, a link becomes what tapping opens, more than three choices send
// the person to the panel; and the webhook's signature is the HMAC-SHA256 of the raw body.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publishOf } from '../../../../src/main/engine/away/ntfy-channel';
import { signature } from '../../../../src/main/engine/away/webhook-channel';

const REPLY = 'https://ntfy.example/sbr-reply';

describe('publishOf', () => {
  it('turns buttons into http actions on the reply topic and the link into the tap target', () => {
    const message = publishOf(
      'sb-topic',
      'Deploy\n\nBash: make deploy',
      [
        [
          { text: 'Allow', callback_data: 'sb:tok:a' },
          { text: 'Deny', callback_data: 'sb:tok:d' },
        ],
        [{ text: 'Open in Switchboard', url: 'https://panel.example/runs/r1' }],
      ],
      REPLY,
    );
    expect(message).toEqual({
      topic: 'sb-topic',
      title: 'Deploy',
      message: 'Bash: make deploy',
      actions: [
        {
          action: 'http',
          label: 'Allow',
          url: REPLY,
          method: 'POST',
          body: 'sb:tok:a',
          clear: true,
        },
        {
          action: 'http',
          label: 'Deny',
          url: REPLY,
          method: 'POST',
          body: 'sb:tok:d',
          clear: true,
        },
      ],
      click: 'https://panel.example/runs/r1',
    });
  });

  it('sends the person to the panel when there are more choices than ntfy shows', () => {
    const keyboard = ['A', 'B', 'C', 'D'].map((text, index) => [
      { text, callback_data: `sb:tok:o${index}` },
    ]);
    const message = publishOf('sb-topic', 'Pick\n\n❓ Which?', keyboard, REPLY);
    expect(message.actions).toBeUndefined();
    expect(message.message).toBe('❓ Which?\n\nAnswer it in Switchboard.');
  });

  it('keeps Allow, Deny and the narrowest Always allow of a request, leaving wider ones to the panel', () => {
    const keyboard = [
      [
        { text: 'Allow', callback_data: 'sb:tok:a' },
        { text: 'Deny', callback_data: 'sb:tok:d' },
      ],
      [{ text: 'Always allow: npm test …', callback_data: 'sb:tok:A0' }],
      [{ text: 'Always allow: every Bash command', callback_data: 'sb:tok:A1' }],
    ];
    const message = publishOf('sb-topic', 'Deploy\n\nBash: npm test', keyboard, REPLY);
    expect(message.actions?.map((action) => action.label)).toEqual([
      'Allow',
      'Deny',
      'Always allow: npm test …',
    ]);
    expect(message.message).toBe('Bash: npm test\n\nWider choices in Switchboard.');
  });

  it('keeps a one-paragraph announcement whole, without a title', () => {
    expect(publishOf('sb-topic', '✅ Build: finished.\nAll green', null, REPLY)).toEqual({
      topic: 'sb-topic',
      message: '✅ Build: finished.\nAll green',
    });
  });
});

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC of the raw body under the secret', () => {
    const body = '{"text":"hi"}';
    expect(signature('s3cret', body)).toBe(
      `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`,
    );
    expect(signature('other', body)).not.toBe(signature('s3cret', body));
  });
});
