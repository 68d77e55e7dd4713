import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_ID = "AISpine-Id";
export const SIGNATURE_TIMESTAMP = "AISpine-Timestamp";
export const SIGNATURE = "AISpine-Signature";
const VERSION = "v1";
const DEFAULT_TOLERANCE_S = 300;

/** A request whose signature is missing, stale or does not match; the message says which. */
export class InvalidSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidSignatureError";
  }
}

function mac(secret: string, id: string, timestamp: number, body: Uint8Array): Buffer {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(Buffer.from(`${id}.${timestamp}.`, "utf8"))
    .update(body)
    .digest();
}

/** The `AISpine-Signature` value for this id, timestamp (unix seconds) and body. */
export function sign(secret: string, id: string, timestamp: number, body: Uint8Array): string {
  if (!secret || secret.trim() === "") {
    throw new TypeError("the signing secret must not be blank");
  }
  return `${VERSION},${mac(secret, id, timestamp, body).toString("base64")}`;
}

/** Accepts a request signed with any of several secrets (several while one is being rotated). */
export class SignatureVerifier {
  private readonly secrets: string[];

  constructor(
    secrets: string[],
    private readonly toleranceS: number = DEFAULT_TOLERANCE_S,
    private readonly clock: () => number = () => Date.now() / 1000,
  ) {
    if (secrets.length === 0 || secrets.some((s) => !s || s.trim() === "")) {
      throw new TypeError("a signature verifier needs at least one non-blank secret");
    }
    this.secrets = [...secrets];
  }

  /** Returns when one signature matches; throws {@link InvalidSignatureError} otherwise. */
  verify(id: string | undefined, timestamp: string | undefined, signatures: string | undefined, body: Uint8Array): void {
    for (const [header, value] of [
      [SIGNATURE_ID, id],
      [SIGNATURE_TIMESTAMP, timestamp],
      [SIGNATURE, signatures],
    ] as const) {
      if (value === undefined || value.trim() === "") {
        throw new InvalidSignatureError(`missing header ${header}`);
      }
    }
    const signedAt = this.checkFresh(timestamp!.trim());
    for (const candidate of signatures!.trim().split(/ +/)) {
      const received = decode(candidate);
      if (received === null) {
        continue;
      }
      for (const secret of this.secrets) {
        const expected = mac(secret, id!, signedAt, body);
        // Constant time: how much of a guess matches must not show in how long it takes.
        if (expected.length === received.length && timingSafeEqual(expected, received)) {
          return;
        }
      }
    }
    throw new InvalidSignatureError(
      `no ${VERSION} signature in ${SIGNATURE} matches the body; check that caller and agent` +
        " share the same secret and that the body is passed on byte for byte",
    );
  }

  private checkFresh(timestamp: string): number {
    if (!/^-?\d+$/.test(timestamp)) {
      throw new InvalidSignatureError(`${SIGNATURE_TIMESTAMP} must be unix seconds, got '${timestamp}'`);
    }
    const signedAt = Number(timestamp);
    const skew = Math.abs(Math.floor(this.clock()) - signedAt);
    if (skew > this.toleranceS) {
      throw new InvalidSignatureError(
        `${SIGNATURE_TIMESTAMP} is ${skew} s away from now, more than the ${this.toleranceS} s` +
          " allowed; a replayed request, or a clock that needs synchronising",
      );
    }
    return signedAt;
  }

  toString(): string {
    return `SignatureVerifier[${this.secrets.length} secret(s) hidden, tolerance ${this.toleranceS} s]`;
  }
}

function decode(candidate: string): Buffer | null {
  const prefix = `${VERSION},`;
  if (!candidate.startsWith(prefix)) {
    return null;
  }
  const text = candidate.slice(prefix.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    return null;
  }
  return Buffer.from(text, "base64");
}
