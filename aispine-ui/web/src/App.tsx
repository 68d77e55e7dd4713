/** The console's shell: sign-in, the navigation, and the page for the current path. */
import { useCallback, useEffect, useState } from 'react';
import { Api, ApiError, whoAmI } from './api/client';
import { forgetKey, storeKey, storedKey } from './api/session';
import type { ApiKeyInfo } from './api/types';
import { ErrorLine, Loading } from './components/common';
import { AgentsPage } from './pages/AgentsPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { ExecutionPage } from './pages/ExecutionPage';
import { ExecutionsPage } from './pages/ExecutionsPage';
import { FlowsPage } from './pages/FlowsPage';
import { OverviewPage } from './pages/OverviewPage';
import { SignInPage } from './pages/SignInPage';
import { Link, useLocation } from './router';

export interface Session {
  api: Api;
  me: ApiKeyInfo;
}

const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/flows', label: 'Flows' },
  { to: '/executions', label: 'Executions' },
  { to: '/approvals', label: 'Approvals' },
  { to: '/agents', label: 'Agents' },
];

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(() => storedKey() !== null);
  const [signInError, setSignInError] = useState<unknown>(null);

  const signOut = useCallback(() => {
    forgetKey();
    setSession(null);
  }, []);

  const signIn = useCallback(
    async (key: string) => {
      setSignInError(null);
      try {
        const me = await whoAmI(key);
        storeKey(key);
        setSession({ api: new Api(key, signOut), me });
      } catch (error) {
        forgetKey();
        setSignInError(
          error instanceof ApiError && error.status === 401
            ? new Error(`The server refused this key: ${error.message}`)
            : error,
        );
      } finally {
        setChecking(false);
      }
    },
    [signOut],
  );

  useEffect(() => {
    const key = storedKey();
    if (key) {
      void signIn(key);
    }
  }, [signIn]);

  if (checking) {
    return <Loading />;
  }
  if (!session) {
    return <SignInPage onSignIn={signIn} error={signInError} />;
  }
  return <Shell session={session} onSignOut={signOut} />;
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { path } = useLocation();
  const page = route(path, session);
  const current = NAV.filter((n) => (n.to === '/' ? path === '/' : path.startsWith(n.to))).pop();
  useEffect(() => {
    document.title = `${current?.label ?? 'AI Spine'} · AI Spine`;
  }, [current]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          AI Spine
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={current?.to === n.to ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span title={`key ${session.me.id}`}>
            {session.me.name} · <strong>{session.me.role}</strong> · {session.me.workspace}
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

function route(path: string, session: Session) {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case undefined:
      return <OverviewPage session={session} />;
    case 'flows':
      return <FlowsPage session={session} flowId={parts[1]} version={parts[2]} />;
    case 'executions':
      return parts[1] ? <ExecutionPage key={parts[1]} session={session} id={parts[1]} /> : <ExecutionsPage key={location.search} session={session} />;
    case 'approvals':
      return <ApprovalsPage session={session} />;
    case 'agents':
      return <AgentsPage session={session} />;
    default:
      return (
        <section>
          <h1>Not found</h1>
          <ErrorLine error={new Error(`The console has no page at ${path}.`)} />
          <Link to="/">Go to the overview</Link>
        </section>
      );
  }
}
