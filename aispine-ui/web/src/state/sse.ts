/**
 * Server-sent events over fetch: EventSource cannot send the API key header, so the console reads
 * the stream itself. {@link SseParser} splits the bytes into messages; {@link follow} keeps one
 * stream open, reconnecting with Last-Event-ID after a drop until the stream ends for good.
 */

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/** Splits an event stream into messages as its text arrives, in pieces of any size. */
export class SseParser {
  private buffer = '';
  private id: string | undefined;
  private event = '';
  private data: string[] = [];

  /** Feeds the next piece of text; returns the messages it completed. */
  push(text: string): SseMessage[] {
    this.buffer += text;
    const messages: SseMessage[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      const message = this.line(line);
      if (message) {
        messages.push(message);
      }
    }
    return messages;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const message = { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return message;
    }
    if (line.startsWith(':')) {
      return undefined; // a comment: keep-alive
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'id') {
      this.id = value;
    } else if (field === 'event') {
      this.event = value;
    } else if (field === 'data') {
      this.data.push(value);
    }
    return undefined;
  }
}

export interface FollowOptions {
  url: string;
  headers: Record<string, string>;
  onMessage: (message: SseMessage) => void;
  /** Called with true while connected, false while waiting to reconnect. */
  onConnected?: (connected: boolean) => void;
  /** True when the stream has said everything (the execution ended): do not reconnect. */
  finished: () => boolean;
  /** The first Last-Event-ID to send, if any. */
  lastEventId?: string;
  /** Delay before reconnecting, in ms. */
  retryMs?: number;
  /** Fails the stream for good (e.g. the key was refused). */
  onFatal?: (status: number, detail: string) => void;
}

/** Follows a stream until {@code finished()} or the returned function is called. */
export function follow(options: FollowOptions): () => void {
  const controller = new AbortController();
  let lastEventId = options.lastEventId;
  let stopped = false;
  const retryMs = options.retryMs ?? 1000;

  const run = async () => {
    while (!stopped) {
      try {
        const headers: Record<string, string> = { ...options.headers, Accept: 'text/event-stream' };
        if (lastEventId) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch(options.url, { headers, signal: controller.signal });
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          options.onFatal?.(response.status, await response.text());
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error(`stream answered ${response.status}`);
        }
        options.onConnected?.(true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          for (const message of parser.push(value)) {
            if (message.id) {
              lastEventId = message.id;
            }
            options.onMessage(message);
          }
        }
      } catch (error) {
        if (stopped) {
          return;
        }
      }
      options.onConnected?.(false);
      if (stopped || options.finished()) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
