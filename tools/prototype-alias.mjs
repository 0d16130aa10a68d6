// `Windower.prototype.push = function ...` for every method: terser shortens `Windower`
// but must keep `.prototype`, about ten bytes a method. This transform (on TypeScript's
// ES5 output, before bundling) adds `var Windower$p = Windower.prototype;` before a
// constructor's first method and writes `Windower$p.push = ...`; terser then shortens the
// alias to one letter. Same object, same assignments, same order: behaviour is unchanged.
import { parse } from 'acorn';
import MagicString from 'magic-string';

/** `N.prototype.x = ...;` as a statement: returns N, else null. */
function prototypeAssignee(stmt) {
  if (stmt.type !== 'ExpressionStatement') return null;
  var e = stmt.expression;
  if (e.type !== 'AssignmentExpression' || e.left.type !== 'MemberExpression') return null;
  var target = e.left.object;
  if (target.type !== 'MemberExpression' || target.computed || target.property.name !== 'prototype') return null;
  return target.object.type === 'Identifier' ? target.object.name : null;
}

function statementLists(ast) {
  var lists = [];
  (function visit(node) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Program' || node.type === 'BlockStatement') lists.push(node.body);
    for (var key in node) {
      var child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child.type === 'string') visit(child);
    }
  })(ast);
  return lists;
}

/** Aliases `N.prototype` in every statement list holding function N and two or more of its methods. */
export function aliasPrototypes(code) {
  // Module syntax: TypeScript's ES5 output still has its import/export statements here.
  var ast = parse(code, { ecmaVersion: 2020, sourceType: 'module' });
  var s = new MagicString(code);
  var changed = false;
  statementLists(ast).forEach(function (list) {
    var declared = {};
    list.forEach(function (stmt) { if (stmt.type === 'FunctionDeclaration') declared[stmt.id.name] = true; });
    var methods = {};
    list.forEach(function (stmt) {
      var name = prototypeAssignee(stmt);
      if (name && declared[name]) (methods[name] = methods[name] || []).push(stmt);
    });
    Object.keys(methods).forEach(function (name) {
      var stmts = methods[name];
      if (stmts.length < 2) return;
      var alias = name + '$p';
      s.appendLeft(stmts[0].start, 'var ' + alias + ' = ' + name + '.prototype;\n');
      stmts.forEach(function (stmt) {
        var target = stmt.expression.left.object; // N.prototype
        s.overwrite(target.start, target.end, alias);
      });
      changed = true;
    });
  });
  return changed ? s.toString() : code;
}

/** Rollup plugin: runs on TypeScript's output of device sources. */
export function prototypeAlias() {
  return {
    name: 'prototype-alias',
    transform(code, id) {
      if (!/\.ts$/.test(id)) return null;
      return { code: aliasPrototypes(code), map: null };
    },
  };
}
