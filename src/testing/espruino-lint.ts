// Checks that JavaScript will run on a real Espruino interpreter: ES5 syntax plus the
// gaps verified in Espruino 2v29 (no hoisting, missing built-ins, parser quirks).
// Users can run it over their own app code as well as over our bundles.
import { parse } from 'acorn';
import { ancestor } from 'acorn-walk';
import { espruinoRegExpProblems } from './espruino-regexp';
import { NATIVE_GLOBAL_FUNCTIONS, isGlobalPeripheral } from './sandbox-upload';

export interface LintProblem {
  rule: string;
  message: string;
  line: number;
  column: number;
}

/** Built-ins Espruino lacks, as free identifiers. */
var MISSING_GLOBALS = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'Reflect', 'WeakRef', 'BigInt'];

/** Node-only globals: a bundle that touches them fails on the device. */
var NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'setImmediate', 'queueMicrotask'];

/** Missing static members, as `Object.member`. */
var MISSING_MEMBERS: { [object: string]: string[] } = {
  Array: ['from', 'of'],
  Object: ['freeze', 'isFrozen', 'seal', 'getOwnPropertySymbols', 'fromEntries', 'entries', 'values'],
  Number: ['isFinite', 'isInteger', 'isSafeInteger', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'],
  Promise: ['race', 'any', 'allSettled'],
  Math: ['fround', 'trunc', 'imul', 'log2', 'log10', 'hypot', 'sign', 'cbrt', 'expm1', 'log1p', 'clz32'],
  ArrayBuffer: ['isView'],
};
['Number'].forEach(function (o) { MISSING_MEMBERS[o].push('parseFloat', 'parseInt'); });
['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'].forEach(function (t) {
  MISSING_MEMBERS[t] = ['from', 'of'];
});

/**
 * Members no Espruino object has, on whatever object (found by probing the real interpreter):
 * a typed array's BYTES_PER_ELEMENT made every model load fail on a board.
 */
var MISSING_ANY_MEMBER: { [name: string]: string } = {
  BYTES_PER_ELEMENT: 'typed arrays have no BYTES_PER_ELEMENT in Espruino: keep a table of element sizes',
  toPrecision: 'Number.prototype.toPrecision is missing in Espruino: use toFixed',
  copyWithin: 'copyWithin is missing in Espruino: use set(subarray(...))',
  localeCompare: 'String.prototype.localeCompare is missing in Espruino: compare with < and >',
  flat: 'Array.prototype.flat is missing in Espruino: concat in a loop',
  flatMap: 'Array.prototype.flatMap is missing in Espruino: concat in a loop',
  reduceRight: 'Array.prototype.reduceRight is missing in Espruino: loop backwards',
};

/** Prototype objects whose methods are undefined as properties in Espruino. */
var PROTOTYPE_HOLDERS = ['Array', 'String', 'Function'];

/** TypeScript helpers that depend on hoisting, Symbol or missing built-ins. */
var FORBIDDEN_HELPERS: { [name: string]: string } = {
  __extends: 'class inheritance (extends): use composition; each extends also costs RAM',
  __generator: 'generators/async functions: use callbacks or Promise.then',
  __awaiter: 'async/await: use Promise.then',
  __spreadArray: 'spread: use concat or a loop',
  __read: 'destructuring of iterables: index the array',
  __values: 'for...of over iterables: use an index loop',
  __asyncValues: 'for await: not on Espruino',
};

var NODE_MODULES = ['fs', 'path', 'os', 'child_process', 'crypto', 'events', 'stream', 'util', 'buffer', 'url', 'zlib', 'worker_threads', 'http2', 'https', 'readline'];

export function lintEspruinoCode(code: string, options?: { allowGlobals?: string[] }): LintProblem[] {
  var problems: LintProblem[] = [];
  var allowed = (options && options.allowGlobals) || [];
  var ast: any;
  try {
    ast = parse(code, { ecmaVersion: 5, sourceType: 'script', locations: true, allowReturnOutsideFunction: true });
  } catch (e: any) {
    var loc = e.loc || { line: 0, column: 0 };
    return [{ rule: 'es5-syntax', message: 'not ES5: ' + e.message, line: loc.line, column: loc.column }];
  }

  function report(rule: string, node: any, message: string): void {
    problems.push({ rule: rule, message: message, line: node.loc.start.line, column: node.loc.start.column });
  }

  checkHoisting(ast, report);
  var declared = collectDeclaredNames(ast);

  ancestor(ast, {
    Literal: function (node: any) {
      if (node.regex) {
        espruinoRegExpProblems(node.regex.pattern, node.regex.flags).forEach(function (why) {
          report('regexp', node, '/' + node.regex.pattern + '/: ' + why);
        });
      }
    },
    NewExpression: function (node: any) {
      var arg = node.arguments[0];
      if (node.callee.type === 'Identifier' && node.callee.name === 'RegExp' && arg && arg.type === 'Literal' && typeof arg.value === 'string') {
        var flagArg = node.arguments[1];
        var flags = flagArg && flagArg.type === 'Literal' ? String(flagArg.value) : '';
        espruinoRegExpProblems(arg.value, flags).forEach(function (why) {
          report('regexp', node, 'RegExp("' + arg.value + '"): ' + why);
        });
      }
    },
    ArrayExpression: function (node: any) {
      if (node.elements.some(function (e: any) { return e === null; })) {
        report('array-hole', node, 'array hole ([1,,2]) breaks in Espruino');
      }
    },
    ForStatement: function (node: any) {
      var init = node.init;
      if (init && init.type === 'VariableDeclaration' && init.declarations.some(function (d: any) { return d.init === null; })) {
        report('for-init-declarator', node, 'for (var i = 0, x; ...): a declarator without initialiser in for-init breaks in Espruino');
      }
    },
    Identifier: function (node: any, _state: any, ancestors: any[]) {
      var parent = ancestors[ancestors.length - 2];
      if (!isReference(node, parent)) return;
      var name = node.name;
      if (allowed.indexOf(name) >= 0 || declared[name]) return;
      if (MISSING_GLOBALS.indexOf(name) >= 0) report('missing-builtin', node, name + ' does not exist in Espruino');
      else if (NODE_GLOBALS.indexOf(name) >= 0) report('node-global', node, name + ' is a Node global, absent in Espruino');
      else if (FORBIDDEN_HELPERS[name]) report('ts-helper', node, name + ': ' + FORBIDDEN_HELPERS[name]);
    },
    AssignmentExpression: function (node: any) {
      var left = node.left;
      if (left.type === 'Identifier' && NATIVE_GLOBAL_FUNCTIONS.indexOf(left.name) >= 0 && !declared[left.name]) {
        report('native-assign', node, left.name + ' = ... throws "Unable to assign value to non-reference Function" in Espruino: assign global.' + left.name);
      }
      var peripheral = isGlobalPeripheral(left);
      if (peripheral) report('native-assign', node, 'global.' + peripheral + ' = ... is ignored by Espruino (the built-in stays): assign ' + peripheral + ' = ...');
    },
    MemberExpression: function (node: any) {
      var obj = node.object;
      var prop = memberName(node);
      if (prop && !node.computed && Object.prototype.hasOwnProperty.call(MISSING_ANY_MEMBER, prop)) {
        report('missing-builtin', node, '.' + prop + ': ' + MISSING_ANY_MEMBER[prop]);
      }
      if (obj.type === 'Identifier' && prop && MISSING_MEMBERS[obj.name] && MISSING_MEMBERS[obj.name].indexOf(prop) >= 0 && !declared[obj.name]) {
        report('missing-builtin', node, obj.name + '.' + prop + ' does not exist in Espruino');
      }
      if (obj.type === 'MemberExpression' && obj.object.type === 'Identifier' && PROTOTYPE_HOLDERS.indexOf(obj.object.name) >= 0 && memberName(obj) === 'prototype' && prop) {
        report('prototype-method', node, obj.object.name + '.prototype.' + prop + ' is undefined in Espruino: use [].' + prop + ' / "".' + prop);
      }
    },
    CallExpression: function (node: any) {
      var callee = node.callee;
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && memberName(callee) === 'create' && node.arguments.length > 1) {
        report('missing-builtin', node, 'Object.create(proto, props) is missing in Espruino: create, then assign');
      }
      if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length === 1 && node.arguments[0].type === 'Literal') {
        var mod = String(node.arguments[0].value).replace(/^node:/, '');
        if (NODE_MODULES.indexOf(mod) >= 0) report('node-module', node, 'require("' + mod + '") is a Node module, absent in Espruino');
      }
    },
  });
  problems.sort(function (a, b) { return a.line - b.line || a.column - b.column; });
  return problems;
}

/** Throws with every problem listed, for tests and build scripts. */
export function assertEspruinoSafe(code: string, name?: string): void {
  var problems = lintEspruinoCode(code);
  if (problems.length) {
    throw new Error((name || 'code') + ' will not run on Espruino:\n' + problems.slice(0, 20).map(function (p) {
      return '  ' + p.line + ':' + p.column + ' [' + p.rule + '] ' + p.message;
    }).join('\n'));
  }
}

function memberName(node: any): string | null {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal') return String(node.property.value);
  return null;
}

/** True when an Identifier node is a variable reference (not a property key or label). */
function isReference(node: any, parent: any): boolean {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  if (parent.type === 'Property' && parent.key === node && !parent.computed) return false;
  if ((parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') && parent.label === node) return false;
  return true;
}

/** Names declared anywhere (var, function, params): a local `Map` is not the missing global. */
function collectDeclaredNames(ast: any): { [name: string]: boolean } {
  var names: { [name: string]: boolean } = {};
  ancestor(ast, {
    VariableDeclarator: function (n: any) { if (n.id.type === 'Identifier') names[n.id.name] = true; },
    FunctionDeclaration: function (n: any) {
      if (n.id) names[n.id.name] = true;
      n.params.forEach(function (p: any) { if (p.type === 'Identifier') names[p.name] = true; });
    },
    FunctionExpression: function (n: any) {
      n.params.forEach(function (p: any) { if (p.type === 'Identifier') names[p.name] = true; });
    },
    CatchClause: function (n: any) { if (n.param && n.param.type === 'Identifier') names[n.param.name] = true; },
  });
  return names;
}

/** In every scope, function declarations must precede all other statements. */
function checkHoisting(ast: any, report: (rule: string, node: any, message: string) => void): void {
  function checkBody(body: any[]): void {
    var firstOther: any = null;
    for (var i = 0; i < body.length; i++) {
      var stmt = body[i];
      if (stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string' && !firstOther) continue;
      if (stmt.type === 'FunctionDeclaration') {
        if (firstOther) {
          report('hoisting', stmt, 'function ' + stmt.id.name + ' is declared after other statements (line ' + firstOther.loc.start.line + '); Espruino does not hoist, so earlier calls fail');
        }
      } else if (stmt.type !== 'EmptyStatement' && !firstOther) {
        firstOther = stmt;
      }
    }
  }
  checkBody(ast.body);
  ancestor(ast, {
    Function: function (node: any) {
      if (node.body && node.body.type === 'BlockStatement') checkBody(node.body.body);
    },
    BlockStatement: function (node: any, _s: any, ancestors: any[]) {
      var parent = ancestors[ancestors.length - 2];
      var isFunctionBody = parent && (parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression') && parent.body === node;
      if (isFunctionBody) return;
      node.body.forEach(function (stmt: any) {
        if (stmt.type === 'FunctionDeclaration') {
          report('hoisting', stmt, 'function ' + stmt.id.name + ' is declared inside a block; declare it at the top of the function');
        }
      });
    },
  });
}
