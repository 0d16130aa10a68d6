// What the sandbox removes or reshapes so that it lacks what Espruino 2v29 lacks. Each item
// was checked in the real interpreter (test/espruino/members.test.ts runs the probe).

/**
 * Typed arrays: Espruino's constructors and instances have no BYTES_PER_ELEMENT, no
 * `from`/`of`, and instances lack copyWithin, lastIndexOf, entries, keys, values and at.
 * Node's are non-configurable, so each constructor is replaced by one whose prototype
 * shadows them (instances, subarray and slice results keep the new prototype).
 */
export var TYPED_ARRAY_SCRIPT = [
  '(function(){',
  '  var construct = Reflect.construct, setProto = Object.setPrototypeOf, getProto = Object.getPrototypeOf;',
  '  var gone = ["BYTES_PER_ELEMENT","copyWithin","lastIndexOf","entries","keys","values","at"];',
  '  ["Int8Array","Uint8Array","Uint8ClampedArray","Int16Array","Uint16Array","Int32Array","Uint32Array","Float32Array","Float64Array"].forEach(function(name){',
  '    var Real = globalThis[name];',
  '    var Shim = function(a, b, c){',
  '      if (!new.target) throw new TypeError(name + " constructor needs new");',
  '      return construct(Real, arguments, new.target);',
  '    };',
  '    var proto = Object.create(Real.prototype);',
  '    gone.forEach(function(k){ Object.defineProperty(proto, k, { value: undefined, writable: true, configurable: true }); });',
  '    Object.defineProperty(proto, "constructor", { value: Shim, writable: true, configurable: true });',
  '    Shim.prototype = proto;',
  '    setProto(Shim, getProto(Real));', // %TypedArray%: Symbol.species resolves to Shim
  '    Object.defineProperty(Shim, "name", { value: name });',
  '    Object.defineProperty(Shim, "from", { value: undefined }); Object.defineProperty(Shim, "of", { value: undefined });',
  '    globalThis[name] = Shim;',
  '  });',
  '  delete ArrayBuffer.isView; delete ArrayBuffer.prototype.slice;',
  '})();',
].join('\n');

/** Removed from the context: what Espruino 2v29 lacks (platform notes and the probe). */
export var REMOVE_SCRIPT = [
  TYPED_ARRAY_SCRIPT,
  'delete globalThis.Map; delete globalThis.Set; delete globalThis.WeakMap; delete globalThis.WeakSet;',
  'delete globalThis.Symbol; delete globalThis.Proxy; delete globalThis.Reflect; delete globalThis.WeakRef;',
  'delete globalThis.FinalizationRegistry; delete globalThis.BigInt; delete globalThis.Intl;',
  'delete globalThis.WebAssembly; delete globalThis.SharedArrayBuffer; delete globalThis.Atomics;',
  'delete globalThis.BigInt64Array; delete globalThis.BigUint64Array; delete globalThis.AggregateError;',
  'delete Array.from; delete Array.of; delete Object.freeze; delete Object.isFrozen; delete Object.seal;',
  'delete Array.prototype.at; delete Array.prototype.flat; delete Array.prototype.flatMap; delete Array.prototype.lastIndexOf; delete Array.prototype.reduceRight;',
  'delete Number.prototype.toPrecision; delete String.prototype.localeCompare; delete String.prototype.at;',
  // Number's ES2015 constants are non-configurable: replace Number by a shim without them
  // (and without Number.parseFloat / parseInt, which Espruino lacks too).
  '(function(N){ function Num(v){ return arguments.length ? N(v) : 0; } Num.prototype = N.prototype;',
  '  ["MAX_VALUE","MIN_VALUE","NaN","POSITIVE_INFINITY","NEGATIVE_INFINITY"].forEach(function(k){ Num[k] = N[k]; });',
  '  globalThis.Number = Num; })(Number);',
  'delete Promise.race; delete Promise.any; delete Promise.allSettled;',
  'delete Math.fround; delete Math.trunc; delete Math.imul; delete Math.log2; delete Math.log10; delete Math.hypot; delete Math.cbrt;',
  '(function(){ var create = Object.create; Object.create = function(proto){',
  '  if (arguments.length > 1) throw new Error("Object.create(proto, props) is not supported by Espruino");',
  '  return create(proto); }; })();',
].join('\n');
