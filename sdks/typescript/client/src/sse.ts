/** A `text/event-stream` parser, as the WHATWG HTML standard's "event stream interpretation" says. */

/** One dispatched message: its id (the last one seen), event type and data. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Turns lines of an event stream into messages: fields `id`, `event`, `data`, `retry`; comment
 * lines skipped; a blank line dispatches; multi-line data joins with `\n`; unknown fields ignored.
 * A message without its own `id` carries the last one seen, even across reconnections.
 */
export class SseParser {
  retryMs: number | null = null;
  private data: string[] = [];
  private event = "";
  private first = true;

  constructor(public lastEventId: string | null = null) {}

  /** Feeds one line without its ending; returns a message when it was a blank line. */
  line(raw: string): SseMessage | null {
    let line = raw;
    if (this.first) {
      this.first = false;
      if (line.startsWith("\uFEFF")) line = line.slice(1);
    }
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "event") this.event = value;
    else if (name === "data") this.data.push(value);
    else if (name === "id" && !value.includes("\0")) this.lastEventId = value;
    else if (name === "retry" && /^[0-9]+$/.test(value)) this.retryMs = Number(value);
    return null;
  }

  private dispatch(): SseMessage | null {
    if (this.data.length === 0) {
      this.event = "";
      return null;
    }
    const message = { id: this.lastEventId, event: this.event || "message", data: this.data.join("\n") };
    this.data = [];
    this.event = "";
    return message;
  }
}

/** Splits decoded text into lines ending in CR, LF or CRLF, across chunk boundaries. */
export class LineSplitter {
  private buffer = "";

  /** The complete lines in `chunk` (and what was held back before it). */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c === "\n" || c === "\r") {
        if (c === "\r" && i === this.buffer.length - 1) break; // a LF may follow in the next chunk
        lines.push(this.buffer.slice(start, i));
        if (c === "\r" && this.buffer[i + 1] === "\n") i++;
        start = i + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
    return lines;
  }
}
