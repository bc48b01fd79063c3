import { Link } from 'react-router';

export function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        <Link to="/">See every negotiation</Link>
      </p>
    </>
  );
}
