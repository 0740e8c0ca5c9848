// A small ntfy client, outbound only: publishes JSON messages (with action buttons) to the
// server's root, and follows a topic's JSON stream (`GET <url>/<topic>/json`) for what the
// phone's buttons publish back. The access token never appears in an error it throws.
import type { FetchFunction } from './telegram-api';
import { failureReason, hostOf } from './send-failure';

/** An ntfy action button: `http` makes the phone publish `body` to `url`; `view` opens a page. */
export type NtfyAction =
  | {
      action: 'http';
      label: string;
      url: string;
      method: 'POST';
      body: string;
      /** The notification goes away once pressed. */
      clear: boolean;
    }
  | { action: 'view'; label: string; url: string };

export interface NtfyPublish {
  topic: string;
  message: string;
  title?: string;
  actions?: NtfyAction[];
  /** Opened when the notification itself is tapped. */
  click?: string;
  /** Servers that can update a notification replace the one with this id; others add one. */
  sequence_id?: string;
}

/** One event of a topic's stream: `message` is what was published; others keep it open. */
export interface NtfyEvent {
  id: string;
  time: number;
  event: string;
  topic: string;
  message?: string;
}

export class NtfyError extends Error {
  constructor(
    message: string,
    /** The server's HTTP status, or null when it could not be reached. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'NtfyError';
  }
}

export class NtfyApi {
  constructor(
    private readonly options: {
      url: string;
      token: string | null;
      fetch?: FetchFunction;
      timeoutMs?: number;
    },
  ) {}

  /** Publishes one message; returns the server's id for it. */
  async publish(message: NtfyPublish, signal?: AbortSignal): Promise<string> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const response = await this.request('', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.auth() },
      body: JSON.stringify(message),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const parsed = (await response.json().catch(() => null)) as {
      id?: string;
      error?: string;
    } | null;
    if (!response.ok) {
      const said = parsed?.error ?? `HTTP ${response.status}`;
      throw new NtfyError(`ntfy publish: ${this.scrub(said)}`, response.status);
    }
    return typeof parsed?.id === 'string' ? parsed.id : '';
  }

  /**
   * Follows a topic's stream until it ends, fails or `signal` aborts, calling `onEvent` for each
   * event in order. `since` (unix seconds) asks for what was published while not listening.
   */
  async follow(
    topic: string,
    since: number | null,
    signal: AbortSignal,
    onEvent: (event: NtfyEvent) => void,
    idleMs: number,
  ): Promise<void> {
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(), idleMs);
    const both = AbortSignal.any([signal, idle.signal]);
    const query = since !== null ? `?since=${since}` : '';
    try {
      const response = await this.request(`${encodeURIComponent(topic)}/json${query}`, {
        headers: this.auth(),
        signal: both,
      });
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => '');
        const said = /"error"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? `HTTP ${response.status}`;
        throw new NtfyError(`ntfy subscribe: ${this.scrub(said)}`, response.status);
      }
      const decoder = new TextDecoder();
      let buffered = '';
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const read = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (read.done || !read.value) break;
        const value = read.value;
        // Any bytes (keepalives included) show the stream is alive.
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), idleMs);
        buffered += decoder.decode(value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
          const event = parseEvent(line);
          if (event) onEvent(event);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof NtfyError) throw error;
      if (idle.signal.aborted) throw new NtfyError('ntfy subscribe: the stream went silent', null);
      throw new NtfyError(
        `Could not reach ${hostOf(this.options.url, 'the ntfy server')}: ${failureReason(error)}`,
        null,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const url = `${this.options.url.replace(/\/+$/, '')}/${path}`;
    try {
      return await (this.options.fetch ?? fetch)(url, init);
    } catch (error) {
      throw new NtfyError(
        `Could not reach ${hostOf(this.options.url, 'the ntfy server')}: ${failureReason(error)}`,
        null,
      );
    }
  }

  private auth(): Record<string, string> {
    return this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
  }

  private scrub(text: string): string {
    const token = this.options.token;
    return token ? text.split(token).join('[access token]') : text;
  }
}

function parseEvent(line: string): NtfyEvent | null {
  if (line === '') return null;
  try {
    const value = JSON.parse(line) as Partial<NtfyEvent>;
    return typeof value.event === 'string' && typeof value.topic === 'string'
      ? {
          id: typeof value.id === 'string' ? value.id : '',
          time: typeof value.time === 'number' ? value.time : 0,
          event: value.event,
          topic: value.topic,
          ...(typeof value.message === 'string' ? { message: value.message } : {}),
        }
      : null;
  } catch {
    return null;
  }
}
