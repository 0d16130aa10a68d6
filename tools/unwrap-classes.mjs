// TypeScript writes an ES5 class as `var X = /** @class */ (function () { function X() {...}
// X.prototype.m = ...; return X; }());`. On Espruino that wrapper stays alive as the scope of
// every method: each method's scope becomes a two-entry chain (3 variables instead of 1) and
// the wrapper function itself stays in RAM (measured in the 2,630-variable build: about 2
// variables a method and 5 a class). This transform (on TypeScript's output, before bundling)
// puts the wrapper's statements at the top level instead: the same function, the same
// prototype assignments in the same order. Only when no name inside the wrapper other than X
// is also declared at the top level, so nothing can clash.
import { parse } from 'acorn';
import MagicString from 'magic-string';

/** The class wrapper's function when `decl` is `var X = (function () { ...; return X; }())`, else null. */
function classWrapper(decl) {
  if (decl.type !== 'VariableDeclaration' || decl.declarations.length !== 1) return null;
  var d = decl.declarations[0];
  if (d.id.type !== 'Identifier' || !d.init || d.init.type !== 'CallExpression' || d.init.arguments.length) return null;
  var fn = d.init.callee;
  if (fn.type !== 'FunctionExpression' || fn.params.length || fn.id) return null;
  var body = fn.body.body;
  var last = body[body.length - 1];
  if (!last || last.type !== 'ReturnStatement' || !last.argument || last.argument.type !== 'Identifier' || last.argument.name !== d.id.name) return null;
  var hasCtor = body.some(function (s) { return s.type === 'FunctionDeclaration' && s.id.name === d.id.name; });
  return hasCtor ? { name: d.id.name, body: body } : null;
}

function declaredNames(statements) {
  var names = {};
  statements.forEach(function (s) {
    if (s.type === 'FunctionDeclaration') names[s.id.name] = true;
    if (s.type === 'VariableDeclaration') s.declarations.forEach(function (d) { if (d.id.type === 'Identifier') names[d.id.name] = true; });
    if (s.type === 'ExportNamedDeclaration' && s.declaration) Object.assign(names, declaredNames([s.declaration]));
    if (s.type === 'ImportDeclaration') s.specifiers.forEach(function (sp) { names[sp.local.name] = true; });
  });
  return names;
}

/** Moves every top-level class wrapper's statements to the top level. */
export function unwrapClasses(code) {
  var ast = parse(code, { ecmaVersion: 2020, sourceType: 'module' });
  var top = declaredNames(ast.body);
  var s = new MagicString(code);
  var changed = false;
  ast.body.forEach(function (stmt) {
    var exported = stmt.type === 'ExportNamedDeclaration' && stmt.declaration;
    var w = classWrapper(exported ? stmt.declaration : stmt);
    if (!w) return;
    var inner = declaredNames(w.body);
    for (var n in inner) if (n !== w.name && top[n]) return;
    var text = w.body.slice(0, -1).map(function (b) { return code.slice(b.start, b.end); }).join('\n');
    s.overwrite(stmt.start, stmt.end, text + (exported ? '\nexport { ' + w.name + ' };' : ''));
    for (var m in inner) top[m] = true;
    changed = true;
  });
  return changed ? s.toString() : code;
}

/** Rollup plugin: runs on TypeScript's output of device sources (put it before prototypeAlias). */
export function classUnwrap() {
  return {
    name: 'unwrap-classes',
    transform(code, id) {
      if (!/\.ts$/.test(id)) return null;
      return { code: unwrapClasses(code), map: null };
    },
  };
}
