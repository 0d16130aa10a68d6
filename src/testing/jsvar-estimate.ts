// Espruino stores every value in 12-16 byte "variables" (JsVars). This estimates how many
// a value needs, to budget RAM on boards with 2,600-12,000 of them. It follows the
// firmware's layout closely enough for budgeting, not byte for byte:
// - a number, boolean or null: 1; a name (property key or array index): 1 plus the value;
// - a string: 1 per ~10 characters (the first var holds fewer than extension vars);
// - a typed array: 2 plus its buffer, a flat string of 1 + bytes/13 vars;
// - a function: 1 plus its source text as a string plus its scope links.
export function estimateJsVars(value: any, seen?: Set<any>): number {
  seen = seen || new Set();
  if (value === null || value === undefined) return 1;
  var t = typeof value;
  if (t === 'number' || t === 'boolean') return 1;
  if (t === 'string') return stringVars(value.length);
  if (seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return 2 + Math.ceil(value.byteLength / 13) + 1;
  if (value instanceof ArrayBuffer || (value && value.constructor && value.constructor.name === 'ArrayBuffer')) {
    return 1 + Math.ceil(value.byteLength / 13) + 1;
  }
  if (t === 'function') return 1 + stringVars(String(value).length) + 1;
  var total = 1;
  for (var key of Object.keys(value)) {
    total += (/^\d+$/.test(key) ? 1 : stringVars(key.length)) + estimateJsVars(value[key], seen);
  }
  return total;
}

function stringVars(length: number): number {
  return length <= 4 ? 1 : 1 + Math.ceil((length - 4) / 12);
}
