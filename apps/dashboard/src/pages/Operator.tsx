// Operator pages: subscriptions (create, pause, resume, delete) and each one's delivery log. They
// need an admin API key, typed here and kept in this tab's sessionStorage only.
import { useEffect, useState, type SubmitEvent } from 'react';
import { api, ApiError, apiKey, unwrap, type Problem, type Subscription, type SubscriptionRequest } from '../api/client.ts';
import { ProblemView } from '../components/ProblemView.tsx';
import { formatInstant, plural } from '../format.ts';
import { useLoad } from '../load.ts';

function KeyForm({ onKey, problem }: { onKey: () => void; problem?: Problem }) {
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = new FormData(event.currentTarget).get('apiKey');
    if (typeof key === 'string' && key.trim()) {
      apiKey.set(key);
      onKey();
    }
  };
  return (
    <section aria-labelledby="key-title" className="key-form">
      <h2 id="key-title">API key needed</h2>
      <p>
        Subscriptions show who is alerted where, so they need an API key with the admin scope. <code>npm start</code> keeps its key
        in <code>data/api-key</code>. The key stays in this browser tab only (sessionStorage) and is sent as{' '}
        <code>Authorization: Bearer</code>.
      </p>
      {problem ? <ProblemView problem={problem} /> : null}
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="apiKey" type="password" autoComplete="off" spellCheck={false} required minLength={32} />
        <button type="submit">Use this key</button>
      </form>
    </section>
  );
}

/** Where a subscription's alerts go: its URL, or its address. */
const targetOf = (s: Subscription): string => (s.kind === 'email' ? s.email : s.url);

function CreateSubscription({ onCreated }: { onCreated: (created: Subscription) => void }) {
  const [kind, setKind] = useState<'webhook' | 'email'>('webhook');
  const [problem, setProblem] = useState<Problem>();
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const target = text('target');
    const trackIds = text('trackIds').split(/[\s,]+/).filter(Boolean);
    try {
      const body: SubscriptionRequest = kind === 'webhook' ? { kind, url: target, trackIds } : { kind, email: target, trackIds, digest: 'immediate' };
      const created = await unwrap(api.POST('/subscriptions', { body }));
      setProblem(undefined);
      onCreated(created);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0, code: 'client-error', title: String(error) });
    }
  };
  return (
    <form className="create" onSubmit={(e) => void submit(e)} aria-labelledby="create-title">
      <h2 id="create-title">New subscription</h2>
      <fieldset>
        <legend>Send alerts by</legend>
        {(['webhook', 'email'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => {
              setKind(k);
            }} />
            {k === 'webhook' ? 'Webhook' : 'Email'}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="sub-target">{kind === 'webhook' ? 'Webhook URL' : 'Email address'}</label>
        <input id="sub-target" name="target" type={kind === 'webhook' ? 'url' : 'email'} required />
      </div>
      <div className="field">
        <label htmlFor="sub-tracks">Track ids (optional, comma-separated; empty: every track)</label>
        <input id="sub-tracks" name="trackIds" type="text" />
      </div>
      {problem ? <ProblemView problem={problem} /> : null}
      <button type="submit">Subscribe</button>
    </form>
  );
}

function Deliveries({ subscription }: { subscription: Subscription }) {
  const { result } = useLoad(() => unwrap(api.GET('/subscriptions/{id}/deliveries', { params: { path: { id: subscription.id } } })), [subscription.id]);
  if (result.state === 'loading') return <p aria-busy="true">Loading the delivery log…</p>;
  if (result.state === 'error') return <ProblemView problem={result.problem} />;
  if (result.data.length === 0) return <p className="muted">Nothing sent to it yet.</p>;
  return (
    <table className="deliveries">
      <caption>Delivery log of {targetOf(subscription)}, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">Created</th>
          <th scope="col">Delivered / next attempt</th>
        </tr>
      </thead>
      <tbody>
        {result.data.map((d) => (
          <tr key={d.id}>
            <td data-label="Change">{d.changeId}</td>
            <td data-label="Status">{d.status}</td>
            <td data-label="Attempts">{d.attempts}</td>
            <td data-label="Last error">{d.lastError ?? '—'}</td>
            <td data-label="Created">{formatInstant(d.createdAt)}</td>
            <td data-label="Delivered / next attempt">{d.deliveredAt ? formatInstant(d.deliveredAt) : d.status === 'pending' ? formatInstant(d.nextAttemptAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Subscriptions({ onUnauthorized }: { onUnauthorized: (problem: Problem) => void }) {
  const { result, reload } = useLoad(() => unwrap(api.GET('/subscriptions')), []);
  const [open, setOpen] = useState<string>();
  const [secret, setSecret] = useState<{ id: string; secret: string }>();
  const [problem, setProblem] = useState<Problem>();
  const refused = result.state === 'error' && (result.problem.status === 401 || result.problem.status === 403) ? result.problem : undefined;
  useEffect(() => {
    if (refused) onUnauthorized(refused);
  }, [refused, onUnauthorized]);
  if (refused) return null;
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0, code: 'client-error', title: String(error) });
    }
    reload();
  };
  const setEnabled = (s: Subscription, enabled: boolean) => act(() => unwrap(api.PATCH('/subscriptions/{id}', { params: { path: { id: s.id } }, body: { enabled } })));
  const remove = (s: Subscription) => {
    if (window.confirm(`Delete the subscription of ${targetOf(s)}? What was still to be sent to it is cancelled.`)) {
      void act(() => unwrap(api.DELETE('/subscriptions/{id}', { params: { path: { id: s.id } } })));
    }
  };
  return (
    <>
      <CreateSubscription
        onCreated={(created) => {
          if (created.kind === 'webhook' && created.secret) setSecret({ id: created.id, secret: created.secret });
          reload();
        }}
      />
      {secret ? (
        <div className="secret" role="status">
          <p>
            The webhook's signing secret, shown only this once: <code>{secret.secret}</code>
          </p>
        </div>
      ) : null}
      <h2>Subscriptions</h2>
      {problem ? <ProblemView problem={problem} /> : null}
      {result.state === 'loading' ? <p aria-busy="true">Loading the subscriptions…</p> : null}
      {result.state === 'error' ? <ProblemView problem={result.problem} /> : null}
      {result.state === 'ready' ? (
        result.data.length === 0 ? (
          <p>No subscription yet: create one above.</p>
        ) : (
          <>
            <p>{plural(result.data.length, 'subscription')}</p>
            <table className="subscriptions">
              <caption className="visually-hidden">Subscriptions</caption>
              <thead>
                <tr>
                  <th scope="col">Sends to</th>
                  <th scope="col">Tracks</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {result.data.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {s.kind}: {s.kind === 'email' ? `${s.email} (${s.confirmation})` : s.url}
                    </th>
                    <td data-label="Tracks">{s.trackIds.length === 0 ? 'every track' : s.trackIds.join(', ')}</td>
                    <td data-label="State">
                      {s.enabled ? (
                        <span className="status status-good">
                          <span aria-hidden="true">● </span>Enabled
                        </span>
                      ) : (
                        <span className="status status-warn">
                          <span aria-hidden="true">Ⅱ </span>Paused{s.disabledReason ? `: ${s.disabledReason}` : ''}
                        </span>
                      )}
                    </td>
                    <td data-label="Created">{formatInstant(s.createdAt)}</td>
                    <td data-label="Actions" className="actions">
                      <button type="button" onClick={() => void setEnabled(s, !s.enabled)}>
                        {s.enabled ? 'Pause' : 'Resume'}
                      </button>
                      <button type="button" aria-expanded={open === s.id} onClick={() => {
                        setOpen(open === s.id ? undefined : s.id);
                      }}>
                        Deliveries
                      </button>
                      <button type="button" className="danger" onClick={() => {
                        remove(s);
                      }}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.data
              .filter((s) => s.id === open)
              .map((s) => (
                <Deliveries key={s.id} subscription={s} />
              ))}
          </>
        )
      ) : null}
    </>
  );
}

export function Operator() {
  const [hasKey, setHasKey] = useState(apiKey.get() !== null);
  const [problem, setProblem] = useState<Problem>();
  return (
    <>
      <h1 tabIndex={-1}>Operator</h1>
      {hasKey ? (
        <>
          <p>
            <button
              type="button"
              onClick={() => {
                apiKey.clear();
                setHasKey(false);
                setProblem(undefined);
              }}
            >
              Forget the API key
            </button>
          </p>
          <Subscriptions
            onUnauthorized={(p) => {
              apiKey.clear();
              setProblem(p);
              setHasKey(false);
            }}
          />
        </>
      ) : (
        <KeyForm
          problem={problem}
          onKey={() => {
            setProblem(undefined);
            setHasKey(true);
          }}
        />
      )}
    </>
  );
}
