/** Approvals: the requests waiting for a person; those the signed-in role may answer get the buttons. */
import { useState } from 'react';
import type { Session } from '../App';
import type { Approval, Page } from '../api/types';
import { ErrorLine, Loading, StatusBadge, Time, useAsync } from '../components/common';
import { mayAnswer } from '../state/roles';
import { Link } from '../router';

export function ApprovalsPage({ session }: { session: Session }) {
  const pending = useAsync(
    () => session.api.get<Page<Approval>>('/api/v1/approvals', { status: 'pending', limit: '100' }),
    [session.api],
  );
  return (
    <section aria-labelledby="approvals-title">
      <div className="page-head">
        <h1 id="approvals-title">Approvals</h1>
        <button type="button" onClick={pending.reload}>
          Refresh
        </button>
      </div>
      <ErrorLine error={pending.error} />
      {!pending.data && pending.loading && <Loading />}
      {pending.data && pending.data.items.length === 0 && <p className="muted">Nothing waits for an answer.</p>}
      <ul className="cards">
        {pending.data?.items.map((a) => (
          <li key={a.id}>
            <ApprovalCard session={session} approval={a} onAnswered={pending.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ApprovalCard({ session, approval, onAnswered }: { session: Session; approval: Approval; onAnswered: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const may = mayAnswer(session.me.role, approval.approvers);
  const answer = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      await session.api.post(`/api/v1/approvals/${encodeURIComponent(approval.id)}/${decision}`, {
        comment: comment.trim() || null,
      });
      onAnswered();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const commentId = `comment-${approval.id}`;
  return (
    <article className="card" aria-labelledby={`title-${approval.id}`} data-approval={approval.id}>
      <h2 id={`title-${approval.id}`} className="card-title">
        {approval.message}
      </h2>
      <p className="muted">
        <StatusBadge status={approval.status === 'pending' ? 'pending_approval' : approval.status} /> flow {approval.flow} · node{' '}
        {approval.node} · execution <Link to={`/executions/${approval.execution}`}>{approval.execution}</Link> · asked{' '}
        <Time at={approval.created_at} />
        {approval.expires_at && (
          <>
            {' '}
            · expires <Time at={approval.expires_at} />
          </>
        )}
      </p>
      <p className="muted small">May answer: {approval.approvers.length ? `${approval.approvers.join(', ')} keys` : 'admin keys only'} (admins always)</p>
      {may ? (
        <>
          <label htmlFor={commentId}>Comment</label>
          <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
          <div className="buttons">
            <button type="button" disabled={busy} onClick={() => answer('approve')}>
              <span aria-hidden="true">✓</span> Approve
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => answer('reject')}>
              <span aria-hidden="true">✕</span> Reject
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Your key ({session.me.role}) may not answer this one.</p>
      )}
      <ErrorLine error={error} />
    </article>
  );
}
