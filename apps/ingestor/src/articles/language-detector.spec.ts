import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageDetector } from './language-detector.js';

// Our own sentences, in the register of the articles Talkwatch reads.
const samples: readonly (readonly [string, string])[] = [
  ['en', 'Negotiators from both sides met again in Vienna on Thursday, but officials said no agreement was reached on the sequencing of sanctions relief.'],
  ['en', 'The foreign minister said talks would resume next month.'],
  ['en', 'Delegations arrive in Doha for a second round of talks'],
  ['fr', "Les négociateurs des deux camps se sont de nouveau réunis à Vienne jeudi, mais aucun accord n'a été trouvé sur le calendrier de la levée des sanctions."],
  ['fr', 'Le ministre a déclaré que les pourparlers reprendraient le mois prochain.'],
  ['de', 'Die Unterhändler beider Seiten trafen sich am Donnerstag erneut in Wien, doch über die Reihenfolge der Sanktionslockerungen wurde keine Einigung erzielt.'],
  ['de', 'Der Außenminister sagte, die Gespräche würden im nächsten Monat fortgesetzt.'],
  ['es', 'Los negociadores de ambas partes volvieron a reunirse en Viena el jueves, pero no se alcanzó ningún acuerdo sobre el calendario del levantamiento de sanciones.'],
  ['es', 'Las delegaciones llegan a Doha para una segunda ronda de conversaciones'],
  ['ru', 'Переговорщики обеих сторон снова встретились в Вене в четверг, однако соглашения о порядке снятия санкций достичь не удалось.'],
  ['ru', 'Министр заявил, что переговоры возобновятся в следующем месяце.'],
  ['it', 'I negoziatori delle due parti si sono incontrati di nuovo a Vienna giovedì, ma non è stato raggiunto alcun accordo sulla sequenza della revoca delle sanzioni.'],
  ['pt', 'Os negociadores de ambos os lados voltaram a reunir-se em Viena na quinta-feira, mas não foi alcançado nenhum acordo sobre a sequência do levantamento das sanções.'],
  ['en', 'Russia and Ukraine: talks in Istanbul. NATO, the EU and the OSCE said little.'],
];

describe('LanguageDetector', () => {
  const detector = new LanguageDetector();

  it('tells the languages of news sentences apart', async () => {
    const wrong: string[] = [];
    for (const [language, text] of samples) {
      const got = await detector.detect(text);
      if (got !== language) wrong.push(`${language}: ${text.slice(0, 40)} → ${String(got)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('does not guess on too little text', async () => {
    assert.deepEqual(await Promise.all(['', '   ', '12 345'].map((t) => detector.detect(t))), [null, null, null]);
  });
});
