// Espruino does not hoist function declarations: a function exists only once execution
// reaches its declaration. JavaScript semantics already treat every declaration as being
// at the top of its scope, so moving them there changes nothing for V8 and makes the
// code run on Espruino. This module does that move, scope by scope, on ES5 source.
import { parse } from 'acorn';

function isDirective(stmt) {
  return stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string';
}

/** Statement lists that form a function scope: the program and every function body. */
function scopeBodies(ast) {
  var bodies = [];
  (function visit(node) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Program') bodies.push(node.body);
    if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.body) {
      bodies.push(node.body.body);
    }
    for (var key in node) {
      if (key === 'loc' || key === 'start' || key === 'end') continue;
      var child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child.type === 'string') visit(child);
    }
  })(ast);
  return bodies;
}

/** The first scope whose function declarations do not all come before other statements. */
function findMisordered(ast) {
  var bodies = scopeBodies(ast);
  for (var b = 0; b < bodies.length; b++) {
    var body = bodies[b];
    var seenOther = false;
    for (var i = 0; i < body.length; i++) {
      var stmt = body[i];
      if (isDirective(stmt) && !seenOther) continue;
      if (stmt.type === 'FunctionDeclaration') {
        if (seenOther) return body;
      } else if (stmt.type !== 'EmptyStatement') {
        seenOther = true;
      }
    }
  }
  return null;
}

/** Rewrites one scope: directives, then all function declarations, then the rest. */
function reorder(code, body) {
  var directives = [];
  var functions = [];
  var others = [];
  body.forEach(function (stmt) {
    if (isDirective(stmt) && functions.length === 0 && others.length === 0) directives.push(stmt);
    else if (stmt.type === 'FunctionDeclaration') functions.push(stmt);
    else others.push(stmt);
  });
  var start = body[0].start;
  var end = body[body.length - 1].end;
  // Comments between statements travel with the statement that follows them.
  var pieces = [];
  var cursor = start;
  var withLead = body.map(function (stmt) {
    var text = code.slice(cursor, stmt.end);
    cursor = stmt.end;
    return { stmt: stmt, text: text };
  });
  var byStmt = new Map(withLead.map(function (p) { return [p.stmt, p.text]; }));
  directives.concat(functions, others).forEach(function (stmt) {
    pieces.push(byStmt.get(stmt).replace(/^\s*/, ''));
  });
  return code.slice(0, start) + pieces.join('\n') + code.slice(end);
}

/** Moves function declarations to the top of every scope. Input must be ES5. */
export function hoistFunctionDeclarations(code) {
  for (var guard = 0; guard < 10000; guard++) {
    var ast = parse(code, { ecmaVersion: 5, sourceType: 'script', allowReturnOutsideFunction: true });
    var body = findMisordered(ast);
    if (!body) return code;
    code = reorder(code, body);
  }
  throw new Error('hoistFunctionDeclarations: did not converge');
}

/** Rollup output plugin: run as the last renderChunk step (after minification). */
export function espruinoHoist() {
  return {
    name: 'espruino-hoist',
    renderChunk(code) {
      return { code: hoistFunctionDeclarations(code), map: null };
    },
  };
}
