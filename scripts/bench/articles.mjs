// Synthetic articles for the benchmarks, written for them (not from any corpus): each about one
// pair of parties, announcing a round on its own day and two demands with its own number, padded
// with neutral prose to about 2 KB. Article n is the same on every run, and no two are alike, so
// every one is news (a new round at least) and brings an alert.
const PAIRS = [
  ['Serbia', 'Kosovo'],
  ['Armenia', 'Azerbaijan'],
  ['Russia', 'Ukraine'],
  ['Israel', 'Hamas'],
  ['Iran', 'the European Union'],
  ['China', 'the United States'],
  ['Ethiopia', 'Egypt'],
  ['India', 'Pakistan'],
];
const VENUES = ['Geneva', 'Vienna', 'Istanbul', 'Doha', 'Cairo', 'Brussels', 'Helsinki', 'Oslo'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Neutral filler, different in every article: the same padding in each would make them near
// duplicates of one another, and the ingestor would answer most of them as copies.
const SUBJECTS = ['Observers', 'Analysts', 'Economists', 'Historians', 'Commentators', 'Columnists', 'Residents', 'Shopkeepers'];
const PLACES = ['Lisbon', 'Tallinn', 'Lima', 'Hanoi', 'Accra', 'Quito', 'Riga', 'Perth', 'Cork', 'Turku', 'Ghent', 'Split'];
const TOPICS = ['the harvest', 'the weather', 'the ferry timetable', 'the museum season', 'rail fares', 'the football league', 'bread prices', 'the book fair'];
const MOODS = ['calm', 'uneven', 'cheerful', 'restless', 'subdued', 'hopeful', 'tired', 'curious'];

function filler(n) {
  let x = (n * 2654435761 + 12345) >>> 0;
  const pick = (list) => {
    x = (x * 1103515245 + 12345) >>> 0;
    return list[(x >>> 8) % list.length];
  };
  const sentences = [];
  for (let i = 0; i < 26; i++) sentences.push(`${pick(SUBJECTS)} in ${pick(PLACES)} said ${pick(TOPICS)} looked ${pick(MOODS)} in week ${(x >>> 4) % 97}.`);
  return sentences.join(' ');
}

/**
 * @param {number} n the article's number
 * @param {{ pairs?: number, salt?: string }} options pairs: how many tracks the articles spread over (1: one growing track)
 */
export function benchArticle(n, { pairs = PAIRS.length, salt = '' } = {}) {
  const [a, b] = PAIRS[n % pairs];
  const k = Math.floor(n / pairs);
  // Rounds two days apart, so no two are read as one meeting; 168 per year, 100 years.
  const day = 1 + 2 * (k % 14);
  const month = Math.floor(k / 14) % 12;
  const year = 1950 + (Math.floor(k / 168) % 100);
  const mm = String(month + 1).padStart(2, '0');
  const body = [
    `${a} and ${b} will hold a new round of talks in ${VENUES[k % VENUES.length]} on ${MONTHS[month]} ${day}, officials said.`,
    `${a} insisted that ${b} must release ${n} detained officers before any meeting.`,
    `${a} also called on ${b} to halt military exercises near marker ${n} of the frontier.`,
    filler(n),
  ].join('\n\n');
  return {
    title: `Talks between ${a} and ${b} (bench report ${n}${salt})`,
    url: `https://bench.example.org/${salt || 'r'}/${n}`,
    publishedAt: `${year}-${mm}-01`,
    body,
  };
}
