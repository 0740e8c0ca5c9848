// A small Telegram Bot API client: JSON POSTs to <apiUrl>/bot<token>/<method>, outbound only.
// The token never appears in an error it throws (errors are shown in Settings and logged).
import { failureReason, hostOf } from './send-failure';

export interface TelegramUser {
  id: number;
  first_name?: string;
  username?: string;
}

export interface TelegramChat {
  id: number;
  title?: string;
  username?: string;
  first_name?: string;
}

export interface TelegramMessage {
  message_id: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
  /** The message this one replies to (a question's message, answered in words). */
  reply_to_message?: TelegramMessage;
}

export interface TelegramCallbackQuery {
  id: string;
  from: TelegramUser;
  message?: TelegramMessage;
  data?: string;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  callback_query?: TelegramCallbackQuery;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export type InlineKeyboard = InlineButton[][];

export type FetchFunction = typeof fetch;

export class TelegramError extends Error {
  constructor(
    message: string,
    /** Telegram's HTTP status, or null when the server could not be reached. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'TelegramError';
  }
}

export class TelegramApi {
  constructor(
    private readonly options: {
      apiUrl: string;
      token: string;
      fetch?: FetchFunction;
      /** How long one call may take beyond a long poll's own wait. */
      timeoutMs?: number;
    },
  ) {}

  async call<T>(method: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    const { apiUrl, token } = this.options;
    const pollSeconds = typeof body.timeout === 'number' ? body.timeout : 0;
    const timeout = AbortSignal.timeout((this.options.timeoutMs ?? 15_000) + pollSeconds * 1000);
    const url = `${apiUrl.replace(/\/+$/, '')}/bot${token}/${method}`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new TelegramError(
        `Could not reach ${hostOf(apiUrl, 'the Bot API')}: ${failureReason(error)}`,
        null,
      );
    }
    const parsed = (await response.json().catch(() => null)) as {
      ok?: boolean;
      result?: T;
      description?: string;
    } | null;
    if (!response.ok || parsed?.ok !== true) {
      const said = parsed?.description ?? `HTTP ${response.status}`;
      throw new TelegramError(`Telegram ${method}: ${this.scrub(said)}`, response.status);
    }
    return parsed.result as T;
  }

  getUpdates(
    offset: number,
    timeoutSeconds: number,
    signal: AbortSignal,
  ): Promise<TelegramUpdate[]> {
    return this.call(
      'getUpdates',
      { offset, timeout: timeoutSeconds, allowed_updates: ['message', 'callback_query'] },
      signal,
    );
  }

  sendMessage(
    chatId: string,
    text: string,
    keyboard: InlineKeyboard | null,
    signal?: AbortSignal,
  ): Promise<TelegramMessage> {
    return this.call(
      'sendMessage',
      {
        chat_id: chatId,
        text,
        ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      },
      signal,
    );
  }

  editMessageText(
    chatId: string,
    messageId: number,
    text: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    // No reply_markup: the buttons go, so nothing can be pressed on a decided request.
    return this.call('editMessageText', { chat_id: chatId, message_id: messageId, text }, signal);
  }

  answerCallbackQuery(id: string, text: string): Promise<unknown> {
    return this.call('answerCallbackQuery', { callback_query_id: id, text });
  }

  private scrub(text: string): string {
    return text.split(this.options.token).join('[bot token]');
  }
}
