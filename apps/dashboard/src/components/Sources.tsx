// The articles behind a fact: outlet, title and link, publication day, and the sentence with the
// words that carry the fact marked. A disclosure (<details>) so the page stays short.
import type { RoundReport, Source } from '../api/client.ts';
import { highlight } from '../evidence.ts';
import { formatDate, formatInstant, outletOf, plural } from '../format.ts';
import { roundStatusLook } from '../status.ts';

export function Evidence({ sentence, terms }: { sentence: string; terms: readonly (string | null | undefined)[] }) {
  return (
    <blockquote className="evidence">
      {highlight(sentence, terms).map((segment, index) => (segment.evidence ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </blockquote>
  );
}

export function Sources({ sources, terms, reports }: { sources: readonly Source[]; terms: readonly (string | null | undefined)[]; reports?: readonly RoundReport[] }) {
  return (
    <details className="sources">
      <summary>{plural(sources.length, 'source')}</summary>
      <ul>
        {sources.map((source) => {
          const said = reports?.find((r) => r.articleId === source.articleId);
          return (
            <li key={`${source.articleId}:${String(source.start)}`} className="source">
              <p className="source-head">
                <span className="outlet">{outletOf(source.url)}</span>
                {' · '}
                {source.url ? (
                  <a href={source.url} rel="noreferrer noopener" target="_blank">
                    {source.title}
                  </a>
                ) : (
                  <span>{source.title}</span>
                )}
                {' · '}
                <time dateTime={source.publishedAt ?? undefined}>{source.publishedAt ? formatInstant(source.publishedAt) : 'undated'}</time>
              </p>
              {said ? (
                <p className="source-said">
                  This source says: {roundStatusLook[said.status].label.toLowerCase()}, {formatDate(said.date)}
                  {said.venue ? `, ${said.venue}` : ''}
                </p>
              ) : null}
              <Evidence sentence={source.sentence} terms={terms} />
            </li>
          );
        })}
      </ul>
    </details>
  );
}
