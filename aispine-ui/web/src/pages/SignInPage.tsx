/** Sign-in with an API key; the key stays in this tab (sessionStorage) only. */
import { useState, type FormEvent } from 'react';
import { ErrorLine } from '../components/common';

export function SignInPage({ onSignIn, error }: { onSignIn: (key: string) => Promise<void>; error: unknown }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await onSignIn(key.trim());
    setBusy(false);
  };
  return (
    <main id="main" className="signin">
      <h1>AI Spine</h1>
      <form onSubmit={submit} aria-describedby="signin-help">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorLine error={error} />
        <p id="signin-help" className="muted">
          Use a key from <code>aispine keys create</code> (or the admin key that <code>aispine server</code> printed on
          its first start). It is kept in this tab only and forgotten when you sign out or close the tab.
        </p>
      </form>
    </main>
  );
}
