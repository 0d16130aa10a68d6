// Two things the real interpreter refuses when code is uploaded, which a Node vm accepts:
// source text that does not fit the board's variables, and a bare assignment to a native
// global function. Both rules were measured in the Espruino 2v29 Linux builds.
import { parse } from 'acorn';
import { ancestor } from 'acorn-walk';

/**
 * RAM per board: JsVars, and characters of source one JsVar holds (measured: process.memory()
 * usage grows by one variable per 9 characters on the 13-byte-variable 2,630 build, per 10 on
 * the 14-byte 12,000 and 16,383 builds). The whole text of a RAM upload sits in variables
 * while it runs, and its functions keep their text there afterwards.
 */
export var RAM_RULES: { [board: string]: { vars: number; charsPerVar: number } } = {
  ESP32: { vars: 16383, charsPerVar: 10 },
  BANGLEJS2: { vars: 12000, charsPerVar: 10 },
  PUCKJS: { vars: 2630, charsPerVar: 9 },
  PIXLJS: { vars: 2630, charsPerVar: 9 },
};

/** Variables in use before any code (measured: about 42) plus room to start running. */
var BASE_VARS = 60;

/**
 * Native global functions: `name = f` throws "Unable to assign value to non-reference
 * Function" in Espruino (measured for each); `global.name = f` or `var name` works.
 */
export var NATIVE_GLOBAL_FUNCTIONS = ['analogRead', 'analogWrite', 'atob', 'btoa', 'changeInterval', 'clearInterval',
  'clearTimeout', 'clearWatch', 'decodeURIComponent', 'encodeURIComponent', 'digitalPulse', 'digitalRead', 'digitalWrite',
  'dump', 'echo', 'edit', 'eval', 'getPinMode', 'getSerial', 'getTime', 'isFinite', 'isNaN', 'load', 'parseFloat',
  'parseInt', 'peek8', 'peek16', 'peek32', 'pinMode', 'poke8', 'poke16', 'poke32', 'print', 'require', 'reset', 'save',
  'setBusyIndicator', 'setInterval', 'setSleepIndicator', 'setTime', 'setTimeout', 'setWatch', 'shiftOut', 'trace'];

/**
 * Built-in peripheral objects: `global.I2C1 = x` is silently ignored by Espruino (measured:
 * I2C1, I2C2, SPI1, Serial1 keep the built-in), while `I2C1 = x` replaces it.
 */
export var PERIPHERAL_GLOBALS = ['I2C1', 'I2C2', 'SPI1', 'Serial1'];

/** The peripheral name when `left` is `global.<peripheral>`, else null. */
export function isGlobalPeripheral(left: any): string | null {
  if (left.type !== 'MemberExpression' || left.computed || left.object.type !== 'Identifier' || left.object.name !== 'global') return null;
  return PERIPHERAL_GLOBALS.indexOf(left.property.name) >= 0 ? left.property.name : null;
}

function parseLoose(code: string): any {
  try {
    return parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true });
  } catch (e) {
    return null; // a syntax error is reported when the code runs
  }
}

/** True for the espruino CLI's `require("Storage").write(...)` statements of a Storage upload. */
function isStorageWrite(stmt: any): boolean {
  var e = stmt.type === 'ExpressionStatement' ? stmt.expression : null;
  var callee = e && e.type === 'CallExpression' ? e.callee : null;
  if (!callee || callee.type !== 'MemberExpression' || callee.computed || callee.property.name !== 'write') return false;
  var o = callee.object;
  return o.type === 'CallExpression' && o.callee.type === 'Identifier' && o.callee.name === 'require' &&
    o.arguments.length === 1 && o.arguments[0].value === 'Storage';
}

/**
 * The OUT OF MEMORY the board gives for a RAM upload that cannot fit, or null. A Storage
 * upload's write statements run one at a time on the board (each arrives over the console and
 * is freed), so only the largest of them counts beside the rest of the text.
 */
export function ramUploadProblem(code: string, board: string, ast?: any): Error | null {
  var rule = RAM_RULES[board];
  if (!rule) return null;
  var rest = code.length, largestWrite = 0;
  var tree = ast || parseLoose(code);
  if (tree) {
    tree.body.forEach(function (stmt: any) {
      if (!isStorageWrite(stmt)) return;
      var n = stmt.end - stmt.start;
      rest -= n;
      if (n > largestWrite) largestWrite = n;
    });
  }
  var need = Math.ceil(Math.max(rest, largestWrite) / rule.charsPerVar) + BASE_VARS;
  if (need <= rule.vars) return null;
  var e: any = new Error('OUT OF MEMORY: ' + code.length + ' characters of source need about ' + need + ' of the ' + rule.vars +
    ' variables of a ' + board + ' (one per ' + rule.charsPerVar + ' characters): write the code to Storage and load it from there');
  e.code = 'OUT_OF_MEMORY';
  return e;
}

/** The error Espruino throws for `digitalWrite = f` and friends, or null. */
export function nativeAssignmentProblem(code: string, ast?: any): Error | null {
  var tree = ast || parseLoose(code);
  if (!tree) return null;
  var declared: { [name: string]: boolean } = {};
  ancestor(tree, {
    VariableDeclarator: function (n: any) { if (n.id.type === 'Identifier') declared[n.id.name] = true; },
    Function: function (n: any) {
      if (n.id) declared[n.id.name] = true;
      n.params.forEach(function (p: any) { if (p.type === 'Identifier') declared[p.name] = true; });
    },
  });
  var found: string | null = null, peripheral: string | null = null;
  ancestor(tree, {
    AssignmentExpression: function (n: any) {
      if (!found && n.left.type === 'Identifier' && NATIVE_GLOBAL_FUNCTIONS.indexOf(n.left.name) >= 0 && !declared[n.left.name]) found = n.left.name;
      if (!peripheral) peripheral = isGlobalPeripheral(n.left);
    },
  });
  if (peripheral) {
    return new Error('global.' + peripheral + ' = ... is ignored by Espruino (the built-in ' + peripheral + ' stays): assign ' + peripheral + ' = ... instead');
  }
  if (!found) return null;
  return new Error('Unable to assign value to non-reference Function (' + found + ' = ...): Espruino only lets you replace it as global.' + found);
}

/** What the sandbox throws before running code: a RAM upload also gets the size check. */
export function uploadProblem(code: string, board: string, ramUpload: boolean): Error | null {
  var ast = parseLoose(code);
  return (ramUpload ? ramUploadProblem(code, board, ast) : null) || nativeAssignmentProblem(code, ast);
}
