// The symbolic-dimension algebra: canonical forms, exact floor/ceil rules, both spellings, and
// the plain grammar read back. The floor/ceil rules are checked against plain arithmetic on
// every integer in a range, so a wrong rewrite cannot pass.
import { strict as assert } from 'assert';
import { add, constant, divide, evaluate, mul, scale, sub, symbol, symbolsOf, type Expr } from '../../../src/core/symbolic/expr';
import { parseExpr } from '../../../src/core/symbolic/parse';
import { print } from '../../../src/core/symbolic/print';
import { seededRandom } from '../../support/seededRandom';

const IMG = symbol('IMG');
const at = (e: Expr, v: number): number | null => evaluate(e, new Map([['IMG', v]]));

function floorOf(e: Expr | null, d: number): Expr {
  assert.ok(e);
  const out = divide(e, d, 'floor');
  assert.ok(out);
  return out;
}

describe('symbolic dimensions: algebra', () => {
  it('simplifies to one canonical form', () => {
    const a = sub(sub(IMG, constant(2)), constant(2));
    assert.equal(a.key, sub(IMG, constant(4)).key);
    assert.equal(print(a), 'IMG−4');
    assert.equal(print(add(IMG, constant(0))), 'IMG');
    assert.equal(print(sub(IMG, IMG)), '0');
    assert.equal(print(scale(IMG, 16)), '16·IMG');
    assert.equal(print(mul(sub(IMG, constant(2)), sub(IMG, constant(2)))), 'IMG²−4·IMG+4');
    assert.equal(print(add(scale(symbol('numFeatures'), 50), constant(50)), 'display', true), '50·numFeatures + 50');
  });

  it('prints floor and ceil in both spellings', () => {
    const half = divide(IMG, 2, 'ceil');
    assert.ok(half);
    assert.equal(print(half), '⌈IMG/2⌉');
    assert.equal(print(half, 'plain'), 'ceil(IMG/2)');
    const valid = add(floorOf(sub(IMG, constant(3)), 2), constant(1));
    assert.equal(print(valid, 'plain'), 'floor((IMG+1)/2)-1');
    assert.equal(print(mul(IMG, IMG), 'plain'), 'IMG*IMG');
  });

  it('divides exactly by 1 and pulls multiples out of the bracket', () => {
    assert.equal(divide(IMG, 1, 'floor')?.key, IMG.key);
    assert.equal(floorOf(scale(IMG, 4), 2).key, scale(IMG, 2).key);
    assert.equal(floorOf(constant(7), 2).key, constant(3).key);
    assert.equal(divide(IMG, 0, 'floor'), null);
    assert.equal(divide(IMG, 1.5, 'ceil'), null);
  });

  it('merges nested divisions of one kind', () => {
    const twice = floorOf(sub(floorOf(IMG, 2), constant(1)), 2);
    assert.equal(print(twice), '⌊(IMG+2)/4⌋−1');
    for (let v = 0; v < 50; v++) assert.equal(at(twice, v), Math.floor((Math.floor(v / 2) - 1) / 2));
  });

  it('agrees with integer arithmetic on random expressions (floor and ceil of sums, products, nests)', () => {
    const rand = seededRandom(11);
    const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
    for (let trial = 0; trial < 300; trial++) {
      // Build an expression and the function it must equal, side by side.
      let e: Expr = IMG;
      let f = (v: number): number => v;
      for (let step = 0; step < 4; step++) {
        const g = f;
        const k = int(-5, 5);
        const d = int(1, 4);
        switch (int(0, 3)) {
          case 0:
            e = add(e, constant(k));
            f = (v) => g(v) + k;
            break;
          case 1:
            e = scale(e, k);
            f = (v) => g(v) * k;
            break;
          case 2:
            e = floorOf(e, d);
            f = (v) => Math.floor(g(v) / d);
            break;
          default: {
            const c = divide(e, d, 'ceil');
            assert.ok(c);
            e = c;
            f = (v) => Math.ceil(g(v) / d);
          }
        }
      }
      for (let v = -20; v <= 60; v++) assert.equal(at(e, v), f(v) + 0, `${print(e)} at IMG=${v}`); // + 0: no −0
      const back = parseExpr(print(e, 'plain'));
      assert.ok(back, print(e, 'plain'));
      assert.equal(back.key, e.key, `round trip of ${print(e, 'plain')}`);
    }
  });

  it('reads the plain grammar back, names with paths included', () => {
    const e = parseExpr('64*x_train.shape[1]+64');
    assert.ok(e);
    assert.deepEqual(symbolsOf(e), ['x_train.shape[1]']);
    assert.equal(evaluate(e, new Map([['x_train.shape[1]', 10]])), 704);
    assert.equal(parseExpr('ceil(inputShape[0]/2)-1')?.key, sub(divide(symbol('inputShape[0]'), 2, 'ceil') as Expr, constant(1)).key);
    assert.equal(parseExpr('IMG+'), null);
    assert.equal(parseExpr('floor(IMG/0)'), null);
    assert.equal(evaluate(IMG, new Map()), null);
  });
});
