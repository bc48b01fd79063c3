// Throughput of the extractor on one core: generates synthetic ~2 KB articles from sentence
// templates written for this benchmark (parties, dates, statuses, demands, responses and
// near-miss noise), warms up, then times parseArticleText + extractArticle over all of them.
// Usage: node scripts/bench-extract.mjs [--articles N] [--runs R] [--seed S] [--json]
// Build first (`npm run bench:extract` does). Prints the median of R timed runs.
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { extractArticle, getDefaultGazetteer, parseArticleText } from '@talkwatch/domain';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`bench-extract: --${name} needs a positive integer`);
    process.exit(2);
  }
  return value;
}
const ARTICLES = option('articles', 500);
const RUNS = option('runs', 7);
const SEED = option('seed', 42);
const TARGET = 500; // articles per second

// Deterministic pseudo-random numbers (mulberry32): the same seed gives the same articles.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];

const PAIRS = [
  ['Russia', 'Ukraine', 'Russian', 'Ukrainian'],
  ['Russia', 'the United States', 'Russian', 'American'],
  ['Israel', 'Hamas', 'Israeli', 'Hamas'],
  ['Serbia', 'Kosovo', 'Serbian', 'Kosovar'],
  ['Armenia', 'Azerbaijan', 'Armenian', 'Azerbaijani'],
  ['Iran', 'the European Union', 'Iranian', 'European'],
  ['China', 'the United States', 'Chinese', 'U.S.'],
  ['NATO', 'Russia', 'NATO', 'Russian'],
];
const VENUES = ['Geneva', 'Vienna', 'Istanbul', 'Doha', 'Cairo', 'Brussels', 'Helsinki', 'Oslo', 'Jeddah', 'Muscat'];
const FUTURE_DATES = ['on Monday', 'next Tuesday', 'on Jan. 10', 'on March 3', 'later this month', 'early next month', 'in February', 'at the very beginning of next year'];
const PAST_DATES = ['on Monday', 'on Thursday', 'on Feb. 28', 'on December 9', 'last week', 'earlier this month'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', '6th', '7th'];
const SPEAKERS = ['a spokesperson said', 'officials said', 'the foreign ministry said on Monday', 'a senior diplomat told reporters', 'state media reported'];
const DEMAND_OBJECTS = ['withdraw its forces from the border', 'lift all sanctions', 'release all prisoners', 'halt military exercises near the frontier', 'guarantee safe passage for aid convoys', 'stop arms deliveries'];

const TEMPLATES = {
  scheduled: ({ a, b, venue }) => `${a} and ${b} will hold talks in ${venue} ${pick(FUTURE_DATES)}, ${pick(SPEAKERS)}.`,
  ordinal: ({ a, b }) => `The ${pick(ORDINALS)} round of negotiations between ${a} and ${b} is expected to take place ${pick(FUTURE_DATES)}.`,
  held: ({ da, db, venue }) => `${da} and ${db} delegations held a fresh round of talks in ${venue} ${pick(PAST_DATES)}.`,
  ended: () => `The talks ended ${pick(PAST_DATES)} without a breakthrough, and both sides said they would consult their capitals.`,
  postponed: ({ a, b }) => `Talks between ${a} and ${b} that had been planned for ${pick(['Friday', 'Jan. 12', 'next week'])} were postponed, ${pick(SPEAKERS)}.`,
  cancelled: ({ da, db, venue }) => `A meeting of ${da} and ${db} envoys scheduled in ${venue} was called off at the last minute.`,
  demand: ({ a, b }) => `${a} demanded that ${b} ${pick(DEMAND_OBJECTS)}, according to a statement.`,
  modal: ({ a, b }) => `Last week ${a} presented its demands, saying ${b} must ${pick(DEMAND_OBJECTS)} and must not expand further.`,
  urge: ({ a, b }) => `${a} urged ${b} to ${pick(DEMAND_OBJECTS)}.`,
  response: ({ b }) => `${b} rejected the demands as unacceptable and proposed instead a joint monitoring mission.`,
  accept: ({ a }) => `${a} accepted a proposal for a temporary truce, its negotiator said.`,
  phone: ({ a, b }) => `The foreign ministers of ${a} and ${b} spoke by phone on Tuesday about the crisis.`,
  negated: ({ a, b }) => `There are no plans for a new round of talks between ${a} and ${b}, a spokesperson said.`,
};
const NOISE = [
  'The currency fell to its weakest level in a year on Monday as investors weighed the risk of a wider conflict.',
  'Satellite images showed new troop movements near the border, while analysts said the build-up had slowed.',
  'Gas flows through the main pipeline dropped by a third on Wednesday, the operator said, citing maintenance.',
  'Shares of European energy companies rose after the announcement, extending a rally that began in October.',
  '"We will continue to defend our interests by all available means," the minister said in a televised address.',
  'The conflict has displaced millions of people and damaged power plants, bridges and hospitals across the region.',
  'Diplomats said the atmosphere had been businesslike, although neither side expected quick results.',
  'Several European governments have offered to host further meetings, but no venue has been agreed yet.',
  'The central bank raised interest rates for the third time this year to support the currency.',
  'Officials declined to comment on the details of the draft, which has not been made public.',
];

function article(n) {
  const [a, b, da, db] = pick(PAIRS);
  const venue = pick(VENUES);
  const slots = { a, b, da, db, venue };
  const kinds = Object.keys(TEMPLATES);
  const sentences = [];
  let size = 0;
  while (size < 1900) {
    const sentence = random() < 0.45 ? pick(NOISE) : TEMPLATES[pick(kinds)](slots);
    sentences.push(sentence);
    size += sentence.length + 1;
  }
  const paragraphs = [];
  for (let i = 0; i < sentences.length; i += 2) paragraphs.push(sentences.slice(i, i + 2).join(' '));
  const day = String(1 + (n % 28)).padStart(2, '0');
  return `---\ntitle: "Synthetic report ${n}: ${a} and ${b}"\nurl: https://example.org/bench/${n}\npublished: 2022-0${1 + (n % 9)}-${day}\n---\n\n${paragraphs.join('\n\n')}\n`;
}

const corpus = Array.from({ length: ARTICLES }, (_, i) => article(i));
const bytes = corpus.reduce((total, text) => total + Buffer.byteLength(text), 0);
const gazetteer = getDefaultGazetteer();
const extractAll = () => {
  let facts = 0;
  for (const raw of corpus) {
    const result = extractArticle(parseArticleText(raw), gazetteer);
    facts += result.rounds.length + result.demands.length + (result.responses?.length ?? 0);
  }
  return facts;
};

const facts = extractAll(); // warm-up: JIT, lazily built tables
extractAll();
const times = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  extractAll();
  times.push(performance.now() - start);
}
times.sort((x, y) => x - y);
const median = times[Math.floor(times.length / 2)];
const perSecond = (ARTICLES / median) * 1000;
const summary = {
  articles: ARTICLES,
  averageBytes: Math.round(bytes / ARTICLES),
  runs: RUNS,
  factsPerPass: facts,
  medianMs: +median.toFixed(1),
  articlesPerSecond: Math.round(perSecond),
  msPerArticle: +(median / ARTICLES).toFixed(3),
  kbPerSecond: Math.round(bytes / 1024 / (median / 1000)),
  target: TARGET,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(summary));
else {
  console.log(`bench-extract: ${ARTICLES} synthetic articles, ${summary.averageBytes} bytes on average, ${facts} facts per pass; median of ${RUNS} runs on one core`);
  console.log(`  ${summary.articlesPerSecond} articles/s   ${summary.msPerArticle} ms/article   ${summary.kbPerSecond} KB/s   (target ≥ ${TARGET} articles/s: ${perSecond >= TARGET ? 'met' : 'NOT met'})`);
}
