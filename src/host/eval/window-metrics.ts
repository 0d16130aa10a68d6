// Per-window classification metrics: accuracy, macro F1, confusion matrix.

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Windows whose true class is this one. */
  support: number;
}

export interface WindowMetrics {
  accuracy: number;
  /** Mean F1 over classes that occur in the truth or the predictions. */
  macroF1: number;
  /** confusion[truth][predicted] = count. */
  confusion: number[][];
  perClass: ClassMetrics[];
  count: number;
}

export function windowMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>, labels: string[]): WindowMetrics {
  if (truth.length !== predicted.length) throw new Error('windowMetrics: ' + truth.length + ' truths but ' + predicted.length + ' predictions');
  var n = labels.length;
  var confusion: number[][] = [];
  for (var i = 0; i < n; i++) confusion.push(new Array(n).fill(0));
  var correct = 0;
  for (var k = 0; k < truth.length; k++) {
    var t = truth[k], p = predicted[k];
    if (!(t >= 0 && t < n) || !(p >= 0 && p < n)) throw new Error('windowMetrics: class index out of range at ' + k + ' (truth ' + t + ', predicted ' + p + ')');
    confusion[t][p]++;
    if (t === p) correct++;
  }
  var perClass: ClassMetrics[] = [];
  var f1Sum = 0, f1Count = 0;
  for (var c = 0; c < n; c++) {
    var tp = confusion[c][c];
    var support = 0, predictedC = 0;
    for (var j = 0; j < n; j++) { support += confusion[c][j]; predictedC += confusion[j][c]; }
    var precision = predictedC ? tp / predictedC : 0;
    var recall = support ? tp / support : 0;
    var f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ label: labels[c], precision: precision, recall: recall, f1: f1, support: support });
    if (support || predictedC) { f1Sum += f1; f1Count++; }
  }
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: f1Count ? f1Sum / f1Count : 0, confusion: confusion, perClass: perClass, count: truth.length };
}
