// What Espruino's own RegExp engine (src/jswrap_regexp.c) understands: `.`, character
// classes with ranges and `^`, escapes \d \D \s \S \w \W \f \n \r \t \v \xHH, anchors ^ $,
// capture groups, `*` and `+` after one character or class, and `|` at the top level.
// Anything else is not an error there: it silently matches something else.

/** Returns why `pattern` (with `flags`) would misbehave on Espruino, or [] when it is fine. */
export function espruinoRegExpProblems(pattern: string, flags: string): string[] {
  var problems: string[] = [];
  for (var f = 0; f < flags.length; f++) {
    if (flags[f] !== 'g' && flags[f] !== 'i') problems.push('flag "' + flags[f] + '" is ignored (only g and i exist)');
  }
  var depth = 0;
  var inClass = false;
  var prevAtom = ''; // 'char', 'group' or '' (nothing quantifiable)
  for (var i = 0; i < pattern.length; i++) {
    var c = pattern[i];
    if (c === '\\') {
      var e = pattern[i + 1];
      if (e === 'u') problems.push('\\u escapes are not supported (use \\xHH for bytes)');
      else if (e === 'b' || e === 'B') problems.push('\\' + e + ' (word boundary) is not supported');
      else if (e >= '1' && e <= '9') problems.push('\\' + e + ' is read as character code ' + e + ', not a backreference');
      else if (e === 'c' || e === 'k' || e === 'p' || e === 'P') problems.push('\\' + e + ' is not supported');
      i += e === 'x' ? 3 : 1;
      if (!inClass) prevAtom = 'char';
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        prevAtom = 'char';
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') problems.push('(?...) groups (non-capturing, lookahead, named) are not supported');
      depth++;
      prevAtom = '';
      continue;
    }
    if (c === ')') {
      depth--;
      prevAtom = 'group';
      continue;
    }
    if (c === '|' && depth > 0) problems.push('| inside a group is not supported (only at the top level)');
    if (c === '?') problems.push('the ? quantifier is not supported');
    if (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i))) problems.push('{m,n} quantifiers are not supported');
    if ((c === '*' || c === '+') && prevAtom === 'group') problems.push(c + ' after a group is not supported (only after one character or class)');
    if ((c === '*' || c === '+') && pattern[i + 1] === '?') problems.push('lazy quantifiers are not supported');
    prevAtom = c === '*' || c === '+' || c === '|' || c === '^' || c === '$' ? '' : 'char';
  }
  return problems;
}
