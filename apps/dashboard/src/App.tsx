import { useEffect, useRef, type SubmitEvent } from 'react';
import { Link, NavLink, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { useAsOf } from './as-of.ts';
import { LiveProvider, useLive } from './live.tsx';
import { Changes } from './pages/Changes.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Operator } from './pages/Operator.tsx';
import { Overview } from './pages/Overview.tsx';
import { TrackPage } from './pages/TrackPage.tsx';

function AsOfControl() {
  const [params, setParams] = useSearchParams();
  const { asOf } = useAsOf();
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const day = new FormData(event.currentTarget).get('asOf');
    const next = new URLSearchParams(params);
    if (typeof day === 'string' && day) next.set('asOf', day);
    else next.delete('asOf');
    setParams(next);
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    next.delete('asOf');
    setParams(next);
  };
  return (
    <form className="as-of" onSubmit={submit} aria-label="Show what was known on a day">
      <label htmlFor="as-of-day">As of</label>
      <input id="as-of-day" name="asOf" type="date" defaultValue={asOf ?? ''} key={asOf ?? 'now'} />
      <button type="submit">Show</button>
      {asOf ? (
        <button type="button" onClick={clear}>
          Back to now
        </button>
      ) : null}
    </form>
  );
}

function LiveIndicator() {
  const { state, changes } = useLive();
  const { asOf } = useAsOf();
  const text = asOf
    ? 'Live updates off while showing a past day'
    : state === 'open'
      ? `Live${changes.length > 0 ? `: ${String(changes.length)} new change${changes.length === 1 ? '' : 's'}` : ''}`
      : state === 'connecting'
        ? 'Connecting to live updates…'
        : 'Live updates unavailable (reload to retry)';
  return (
    <p className={`live live-${asOf ? 'off' : state}`} role="status" data-testid="live-status">
      <span aria-hidden="true">{state === 'open' && !asOf ? '◉ ' : '○ '}</span>
      {text}
    </p>
  );
}

/** After a client-side navigation, focus moves to the new page's heading (as a page load would). */
function FocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [location.pathname]);
  return null;
}

export function App() {
  const { asOf, link } = useAsOf();
  return (
    <LiveProvider enabled={asOf === undefined}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to={link('/')} className="brand">
          Talkwatch
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to={link('/')} end>
                Negotiations
              </NavLink>
            </li>
            <li>
              <NavLink to={link('/changes')}>What changed</NavLink>
            </li>
            <li>
              <NavLink to="/operator">Operator</NavLink>
            </li>
          </ul>
        </nav>
        <AsOfControl />
        <LiveIndicator />
      </header>
      {asOf ? (
        <p className="as-of-banner" role="note">
          Showing what was known on {asOf}: facts reported later are hidden.
        </p>
      ) : null}
      <FocusOnNavigate />
      <main id="main">
        <Routes>
          <Route path="/" element={<Overview />} />
          <Route path="/tracks/:id" element={<TrackPage />} />
          <Route path="/changes" element={<Changes />} />
          <Route path="/operator" element={<Operator />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer className="site-footer">
        <p>
          Data: <a href="/talks">/talks</a> (JSON) · API: <a href="/docs">/docs</a>
        </p>
      </footer>
    </LiveProvider>
  );
}
