/** Calls the API on the console's own origin with the signed-in key. */
import type { Problem } from './types';

/** An API answer other than 2xx, with the server's problem detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `the server answered ${status}`);
  }
}

export class Api {
  constructor(
    readonly key: string,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  /** The headers of every call, for streams that are opened elsewhere. */
  headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.key}` };
  }

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.append(name, value);
      }
    }
    const suffix = params.size > 0 ? `?${params}` : '';
    return this.call<T>('GET', path + suffix);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { ...this.headers(), Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      this.onUnauthorized();
    }
    if (!response.ok) {
      let problem: Problem = { status: response.status };
      try {
        problem = (await response.json()) as Problem;
      } catch {
        // not a problem document: keep the status
      }
      throw new ApiError(response.status, problem);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

/** Checks a key: who it is, or the server's reason for refusing it. */
export async function whoAmI(key: string) {
  return new Api(key).get<import('./types').ApiKeyInfo>('/api/v1/auth/whoami');
}
