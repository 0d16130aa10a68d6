// The bundle size passes in tools/: each must keep the code's behaviour.
import { describe, it, expect } from 'vitest';
import vm from 'node:vm';
import { moveForInitDeclarators } from '../../tools/for-init-declarators.mjs';
import { aliasPrototypes } from '../../tools/prototype-alias.mjs';
import { lintEspruinoCode } from '../../src/testing/espruino-lint';

function run(code: string): any {
  return vm.runInNewContext(code + ';result');
}

describe('moveForInitDeclarators', () => {
  it('moves an uninitialised for-init declarator before the loop, keeping the result', () => {
    var code = 'var result=[];for(var a,i=0;i<3;i++){a=(a||0)+i;result.push(a)}';
    var out = moveForInitDeclarators(code);
    expect(out).toBe('var result=[];var a;for(var i=0;i<3;i++){a=(a||0)+i;result.push(a)}');
    expect(run(out)).toEqual(run(code));
    expect(lintEspruinoCode(out).filter((p) => p.rule === 'for-init-declarator')).toEqual([]);
  });

  it('wraps a loop that is the body of an if in a block, so the else still pairs', () => {
    var code = 'var result=0,q=1;if(q)for(var a,b,i=0;i<2;i++)result+=i;else result=-1';
    var out = moveForInitDeclarators(code);
    expect(out).toBe('var result=0,q=1;if(q){var a,b;for(var i=0;i<2;i++)result+=i;}else result=-1');
    expect(run(out)).toBe(1);
  });

  it('keeps a label on its loop (continue L must still name a loop)', () => {
    var code = 'var result=0;L:for(var a,i=0;i<3;i++){result+=i;continue L}';
    var out = moveForInitDeclarators(code);
    expect(out).toBe('var result=0;var a;L:for(var i=0;i<3;i++){result+=i;continue L}');
    expect(run(out)).toBe(3);
  });

  it('leaves loops without such declarators alone', () => {
    var code = 'for(var i=0,n=2;i<n;i++)f(i);for(;;)break';
    expect(moveForInitDeclarators(code)).toBe(code);
  });
});

describe('aliasPrototypes', () => {
  it('writes methods through one alias of the prototype; instances behave the same', () => {
    var code = 'var W=(function(){function W(a){this.a=a}W.prototype.x=function(){return this.a+1};' +
      'W.prototype.y=function(){return this.x()*2};return W}());var result=new W(2).y()+":"+(W.prototype.x.length)';
    var out = aliasPrototypes(code);
    expect(out).toContain('var W$p = W.prototype;');
    expect(out).not.toContain('W.prototype.x=');
    expect(run(out)).toBe(run(code));
  });

  it('aliases only a function declared in the same statement list, and only with two or more methods', () => {
    var one = 'function F(){}F.prototype.p=function(){};var result=1';
    expect(aliasPrototypes(one)).toBe(one);
    var foreign = 'var result=1;Array.prototype.a=1;Array.prototype.b=2';
    expect(aliasPrototypes(foreign)).toBe(foreign);
  });
});
