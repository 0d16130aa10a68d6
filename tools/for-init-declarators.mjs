// Espruino breaks on `for (var a, i = 0; ...)`: a declarator without initialiser in a
// for-init. terser's join_vars (which merges neighbouring `var`s, about 500 bytes a bundle)
// sometimes produces one, so this pass moves such declarators into a `var` statement just
// before the loop. A `var` without initialiser does nothing at run time (var is function
// scoped), so the move changes no behaviour.
import { parse } from 'acorn';
import { ancestor } from 'acorn-walk';

var LIST_PARENTS = ['Program', 'BlockStatement', 'SwitchCase'];

/** Returns the code with every uninitialised for-init declarator moved before its loop. */
export function moveForInitDeclarators(code) {
  var ast = parse(code, { ecmaVersion: 5, sourceType: 'script', allowReturnOutsideFunction: true });
  var edits = [];
  ancestor(ast, {
    ForStatement: function (node, _state, ancestors) {
      var init = node.init;
      if (!init || init.type !== 'VariableDeclaration') return;
      var bare = init.declarations.filter(function (d) { return d.init === null; });
      if (bare.length === 0) return;
      var kept = init.declarations.filter(function (d) { return d.init !== null; });
      // A labelled loop keeps its label: the `var` goes before the label.
      var at = ancestors.length - 1, stmt = node;
      while (at > 0 && ancestors[at - 1].type === 'LabeledStatement') stmt = ancestors[--at];
      var parent = ancestors[at - 1];
      var inList = parent && LIST_PARENTS.indexOf(parent.type) >= 0;
      var names = bare.map(function (d) { return code.slice(d.start, d.end); }).join(',');
      var newInit = kept.length ? 'var ' + kept.map(function (d) { return code.slice(d.start, d.end); }).join(',') : '';
      edits.push({ start: init.start, end: init.end, text: newInit });
      edits.push({ start: stmt.start, end: stmt.start, text: (inList ? '' : '{') + 'var ' + names + ';' });
      if (!inList) edits.push({ start: stmt.end, end: stmt.end, text: '}' });
    },
  });
  // Apply from the end so earlier offsets stay valid; at equal offsets, later-pushed first.
  edits.forEach(function (e, i) { e.order = i; });
  edits.sort(function (a, b) { return b.start - a.start || b.order - a.order; });
  edits.forEach(function (e) { code = code.slice(0, e.start) + e.text + code.slice(e.end); });
  return code;
}

/** Rollup output plugin: run after terser. */
export function espruinoForInit() {
  return {
    name: 'espruino-for-init',
    renderChunk(code) {
      return { code: moveForInitDeclarators(code), map: null };
    },
  };
}
