// Trains a model from a catalog, reporting progress: shared by `sotong train` and `sotong eval`.
import { trainModel, type TrainOptions, type TrainProgress } from '../bot/classifier';
import type { LinearIntentModel } from '../bot/classifier-model';
import type { Catalog } from '../bot/intent-schema';
import { catalogExamples } from './catalog-examples';

export function trainFromCatalog(catalog: Catalog, options: TrainOptions = {}): { model: LinearIntentModel; examples: number } {
  const examples = catalogExamples(catalog);
  return { model: trainModel(examples, options), examples: examples.length };
}

/** One progress line per stage or every few epochs, for a terminal. */
export function progressPrinter(write: (line: string) => void): (p: TrainProgress) => void {
  return (p) => {
    if (p.stage === 'epoch' && p.epoch !== undefined && p.epochs !== undefined) {
      if (p.epoch % 5 === 0 || p.epoch === p.epochs) {
        write(`  training: epoch ${p.epoch}/${p.epochs}${p.loss !== undefined ? `, loss ${p.loss.toFixed(4)}` : ''} (${(p.elapsedMs / 1000).toFixed(1)} s)\n`);
      }
    } else {
      write(`  training: ${p.stage} (${(p.elapsedMs / 1000).toFixed(1)} s)\n`);
    }
  };
}
