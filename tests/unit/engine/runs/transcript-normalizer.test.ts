// How SDK messages become RunEvents: coalesced text, tool calls and results, errors.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import {
  MAX_TOOL_RESULT_CHARS,
  limitToolResult,
  TranscriptNormalizer,
} from '../../../../src/main/engine/runs/transcript-normalizer';

// Test messages carry only the fields the normalizer reads.
const msg = (value: Record<string, unknown>) => value as unknown as SDKMessage;
const stream = (event: Record<string, unknown>) =>
  msg({ type: 'stream_event', event, parent_tool_use_id: null });

describe('TranscriptNormalizer', () => {
  it('buffers text deltas into one event per block until flushed', () => {
    const n = new TranscriptNormalizer();
    expect(n.push(stream({ type: 'message_start', message: { id: 'm1' } }))).toEqual([]);
    n.push(
      stream({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    );
    for (const word of ['Hel', 'lo', ' there']) {
      expect(
        n.push(
          stream({
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'text_delta', text: word },
          }),
        ),
      ).toEqual([]);
    }
    expect(n.hasPending).toBe(true);
    expect(n.flush()).toEqual([{ type: 'text', blockId: 'm1:0', text: 'Hello there' }]);
    expect(n.flush()).toEqual([]);
  });

  it('releases a block when it stops, and does not repeat streamed text from the full message', () => {
    const n = new TranscriptNormalizer();
    n.push(stream({ type: 'message_start', message: { id: 'm2' } }));
    n.push(stream({ type: 'content_block_start', index: 0, content_block: { type: 'thinking' } }));
    n.push(
      stream({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'hmm' },
      }),
    );
    expect(n.push(stream({ type: 'content_block_stop', index: 0 }))).toEqual([
      { type: 'thinking', blockId: 'm2:0', text: 'hmm' },
    ]);
    const full = n.push(
      msg({
        type: 'assistant',
        message: {
          id: 'm2',
          content: [
            { type: 'thinking', thinking: 'hmm' },
            { type: 'tool_use', id: 'tu1', name: 'Bash', input: { command: 'ls' } },
          ],
        },
      }),
    );
    expect(full).toEqual([
      { type: 'tool_use', toolUseId: 'tu1', name: 'Bash', input: { command: 'ls' } },
    ]);
  });

  it('shows text that was never streamed, and reports API errors in words', () => {
    const n = new TranscriptNormalizer();
    const drafts = n.push(
      msg({
        type: 'assistant',
        error: 'authentication_failed',
        message: { id: 'synthetic', content: [{ type: 'text', text: 'Invalid API key' }] },
      }),
    );
    expect(drafts).toEqual([
      { type: 'text', blockId: 'synthetic:0', text: 'Invalid API key' },
      { type: 'error', message: 'the API key or login was rejected' },
    ]);
  });

  it('turns tool results into events, leaving huge output whole until it is recorded', () => {
    const n = new TranscriptNormalizer();
    const huge = 'x'.repeat(MAX_TOOL_RESULT_CHARS + 5000);
    const drafts = n.push(
      msg({
        type: 'user',
        message: {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'a', content: [{ type: 'text', text: 'ok' }] },
            { type: 'tool_result', tool_use_id: 'b', content: huge, is_error: true },
          ],
        },
      }),
    );
    expect(drafts[0]).toEqual({
      type: 'tool_result',
      toolUseId: 'a',
      content: 'ok',
      isError: false,
    });
    const second = drafts[1];
    expect(second?.type).toBe('tool_result');
    if (second?.type !== 'tool_result') return;
    expect(second.isError).toBe(true);
    // Cut by the recorder after secrets are redacted, so no part of one survives at the cut.
    expect(second.content).toBe(huge);
    const kept = limitToolResult(huge);
    expect(kept.length).toBeLessThan(huge.length);
    expect(kept).toMatch(/5,000 more characters not kept/);
  });

  it("records the session's MCP servers after its start, when it has any", () => {
    const started = msg({
      type: 'system',
      subtype: 'init',
      session_id: 's1',
      model: 'claude-sonnet-4-5',
      cwd: '/work',
      tools: ['Bash', 'mcp__echo__shout'],
      claude_code_version: '2.0.1',
      permissionMode: 'default',
      mcp_servers: [
        { name: 'echo', status: 'connected', source: 'dynamic' },
        { name: 'broken', status: 'pending' },
      ],
    });
    expect(new TranscriptNormalizer().push(started).slice(1)).toEqual([
      {
        type: 'mcp_servers',
        servers: [
          { name: 'echo', status: 'connected', source: 'dynamic' },
          { name: 'broken', status: 'pending' },
        ],
      },
    ]);
  });

  it('records the session start and API retries, and no other system message', () => {
    const started = msg({
      type: 'system',
      subtype: 'init',
      session_id: 's1',
      model: 'claude-sonnet-4-5',
      cwd: '/work',
      tools: ['Bash', 'Read'],
      claude_code_version: '2.0.1',
      permissionMode: 'acceptEdits',
      mcp_servers: [],
    });
    const retrying = msg({
      type: 'system',
      subtype: 'api_retry',
      attempt: 2,
      max_retries: 10,
      retry_delay_ms: 1200,
      error: 'rate_limit',
      error_status: 429,
    });
    const n = new TranscriptNormalizer();
    expect(n.push(started)).toEqual([
      {
        type: 'session',
        sessionId: 's1',
        model: 'claude-sonnet-4-5',
        cwd: '/work',
        tools: ['Bash', 'Read'],
        claudeCodeVersion: '2.0.1',
        permissionMode: 'acceptEdits',
      },
    ]);
    expect(n.push(retrying)).toEqual([
      {
        type: 'retry',
        attempt: 2,
        maxRetries: 10,
        delayMs: 1200,
        error: 'rate limited by the API (HTTP 429)',
      },
    ]);
    expect(n.push(msg({ type: 'system', subtype: 'compact_boundary' }))).toEqual([]);
  });

  it('flushes pending text before a result so order is kept', () => {
    const n = new TranscriptNormalizer();
    n.push(stream({ type: 'message_start', message: { id: 'm3' } }));
    n.push(stream({ type: 'content_block_start', index: 0, content_block: { type: 'text' } }));
    n.push(
      stream({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'done' },
      }),
    );
    const drafts = n.push(
      msg({
        type: 'result',
        subtype: 'success',
        is_error: false,
        result: 'done',
        total_cost_usd: 0.01,
        num_turns: 1,
        duration_ms: 5,
      }),
    );
    expect(drafts.map((d) => d.type)).toEqual(['text', 'result']);
  });
});
