// The language an article is written in, detected with eld (Efficient Language Detector, its
// small n-gram set). Measured against tinyld and franc-min on short news sentences of our own in
// seven languages (language-detector.spec.ts): eld 20/20 at 0.36 ms a text, tinyld 20/20 at
// 1.2 ms, franc-min 19/20 (Russian taken for Ukrainian) at 1.4 ms. Its data takes about two
// seconds and 140 MB to load, so it is loaded once and only by the ingestor: before the app listens
// (evaluating it blocks the event loop, which must not happen while requests are served), or on
// first use outside Nest.
import { Injectable, type OnModuleInit } from '@nestjs/common';

/** Characters looked at: enough to tell, and a bound on the work for a huge body. */
const SAMPLE_CHARS = 4000;

type Detect = (text: string) => { language: string; isReliable(): boolean };

@Injectable()
export class LanguageDetector implements OnModuleInit {
  private loading: Promise<Detect> | undefined;

  async onModuleInit(): Promise<void> {
    await this.load();
  }

  /** The ISO 639-1 code of the text's language, or null when it cannot be told reliably (too short, mixed). */
  async detect(text: string): Promise<string | null> {
    const sample = text.slice(0, SAMPLE_CHARS);
    if (sample.trim() === '') return null;
    const result = (await this.load())(sample);
    return result.language !== '' && result.isReliable() ? result.language : null;
  }

  private load(): Promise<Detect> {
    this.loading ??= import('eld/small').then(({ eld }) => (text: string) => eld.detect(text));
    return this.loading;
  }
}
