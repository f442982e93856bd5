/** Prices the New Project answers in a worker thread (wizard-cost-in-worker.ts): render, parse, replay and price. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScaffoldOptions } from '../scaffold/options';
import { describeWizardCost } from './describe-wizard-cost';
import { estimateWizardCost } from './wizard-estimate';

try {
  parentPort!.postMessage({ value: describeWizardCost(estimateWizardCost(workerData as ScaffoldOptions)) });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
