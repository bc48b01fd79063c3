// Short synthetic articles for the drills, written for them: article n reports one round of talks
// between one of sixteen pairs of countries, on a day of its own, so each one is news and brings
// exactly one new round. Under 40 words, so the near-duplicate check leaves them apart; the same n
// gives the same article on every run (the salt keeps runs apart).
const PAIRS: readonly (readonly [string, string])[] = [
  ['Serbia', 'Kosovo'],
  ['Armenia', 'Azerbaijan'],
  ['Russia', 'Ukraine'],
  ['Ethiopia', 'Egypt'],
  ['India', 'Pakistan'],
  ['China', 'Japan'],
  ['Greece', 'Turkey'],
  ['Sudan', 'Chad'],
  ['Peru', 'Chile'],
  ['Morocco', 'Algeria'],
  ['Cyprus', 'Lebanon'],
  ['Georgia', 'Moldova'],
  ['Colombia', 'Venezuela'],
  ['Kenya', 'Somalia'],
  ['Norway', 'Iceland'],
  ['Vietnam', 'Cambodia'],
];
const VENUES = ['Geneva', 'Vienna', 'Istanbul', 'Doha', 'Cairo', 'Oslo', 'Helsinki', 'Nairobi'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface DrillArticle {
  readonly title: string;
  readonly url: string;
  readonly publishedAt: string;
  readonly body: string;
}

export function drillArticle(n: number, salt: string): DrillArticle {
  const pair = PAIRS[n % PAIRS.length] ?? PAIRS[0];
  const [a, b] = pair ?? ['Serbia', 'Kosovo'];
  const k = Math.floor(n / PAIRS.length);
  // Rounds two days apart within a month (never read as one meeting), fourteen a month.
  const day = 1 + 2 * (k % 14);
  const month = Math.floor(k / 14) % 12;
  const year = 1960 + Math.floor(k / 168);
  return {
    title: `${a} and ${b} set another meeting (drill ${salt} no. ${n})`,
    url: `https://drills.example.net/${salt}/${n}`,
    publishedAt: `${year}-${String(month + 1).padStart(2, '0')}-01`,
    body: `${a} and ${b} will hold a new round of talks in ${VENUES[k % VENUES.length] ?? 'Geneva'} on ${MONTHS[month] ?? 'May'} ${day}, a spokesperson said.`,
  };
}
