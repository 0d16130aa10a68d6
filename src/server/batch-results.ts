// Per-event answers for a batch: the events that passed validation are ingested, the
// refused ones keep their place in `results` with the reason, so a device retires exactly
// the refused events and counts the rest as delivered (docs/outputs.md).
import type { Ingestor, IngestResult } from './ingest';
import type { EventSource } from './storage/types';
import type { CheckedEvent, ValidationProblem } from './validate';

export interface EventOutcome {
  id: number | null;
  status: 'stored' | 'duplicate' | 'conflict' | 'refused';
  /** For refused events: the error code and what was wrong. */
  error?: string;
  message?: string;
}

export interface BatchAnswer {
  stored: number;
  duplicates: number;
  conflicts: number;
  refused: number;
  results: EventOutcome[];
  /** Every problem of the refused events (first 20), as a 422 names them. */
  problems?: ValidationProblem[];
}

export async function ingestChecked(ingestor: Ingestor, checked: CheckedEvent[], source: EventSource): Promise<BatchAnswer> {
  var valid = [];
  for (var c of checked) if (c.ok) valid.push(c.event);
  var ingested: IngestResult = valid.length ? await ingestor.ingestEvents(valid, source) : { stored: 0, duplicates: 0, conflicts: 0, results: [] };
  var answer: BatchAnswer = { stored: ingested.stored, duplicates: ingested.duplicates, conflicts: ingested.conflicts, refused: 0, results: [] };
  var problems: ValidationProblem[] = [];
  var k = 0;
  for (var c of checked) {
    if (c.ok) {
      answer.results.push(ingested.results[k++] as EventOutcome);
    } else {
      answer.refused++;
      ingestor.reject('invalid_event');
      answer.results.push({ id: c.id, status: 'refused', error: 'invalid_event', message: c.problems.map((p) => p.path + ': ' + p.message).join('; ') });
      problems.push(...c.problems);
    }
  }
  if (problems.length) answer.problems = problems.slice(0, 20);
  return answer;
}
