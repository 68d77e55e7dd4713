/**
 * The signed-in API key, kept for this browser tab only (sessionStorage): never in localStorage,
 * a cookie or a URL, so that closing the tab signs out and no link ever carries it.
 */
const KEY = 'aispine.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
