/** What the tests share: the server they run against (AISPINE_URL, AISPINE_TOKEN). */
import { AispineClient, ReconnectPolicy } from "../src/index.js";

/** The URL and admin key of the server under test. */
export function server(): { url: string; token: string } {
  const url = process.env.AISPINE_URL;
  const token = process.env.AISPINE_TOKEN;
  if (!url || !token) {
    throw new Error(
      "these tests run against a real server: set AISPINE_URL and AISPINE_TOKEN (the Maven build does: " +
        "./mvnw verify -pl aispine-sdk runs PolyglotClientsTest), or start one with 'bin/aispine server' and export its URL and admin key",
    );
  }
  return { url, token };
}

/** A client of the server under test (or of `url` with its key), quick to reconnect. */
export function client(url?: string): AispineClient {
  const s = server();
  return new AispineClient(url ?? s.url, { token: s.token, reconnect: new ReconnectPolicy(50, 500, 30_000) });
}
