// Bytes over VS Code's postMessage: the forms it delivers are accepted, anything else is
// rejected with a reason that names what arrived.
import * as assert from 'assert';
import { asBytes, parseHostMessage, plainBytes } from '../../webview/panel/messages';

/** What VS Code's serializer does to a value whose constructor name it does not know. */
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('panel protocol: bytes', () => {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7];

  it('a Node Buffer, which VS Code sends as {type: "Buffer", data}, still arrives as its bytes', () => {
    const r = parseHostMessage({ type: 'image', name: 'a.png', bytes: viaJson(Buffer.from(png)) });
    assert.ok(r.ok, r.ok ? '' : r.problem);
    assert.ok(r.message.type === 'image' && r.message.bytes instanceof Uint8Array);
    assert.deepStrictEqual(Array.from(r.message.type === 'image' ? r.message.bytes : []), png);
  });

  it('typed-array views and ArrayBuffers become Uint8Arrays over the same bytes', () => {
    const backing = new Uint8Array([0, ...png, 0]);
    assert.deepStrictEqual(Array.from(asBytes(new DataView(backing.buffer, 1, png.length)) ?? []), png);
    assert.deepStrictEqual(Array.from(asBytes(Uint8Array.from(png).buffer) ?? []), png);
  });

  it('rejects what is not bytes, saying what came', () => {
    for (const bad of [[1, 2, 3], { type: 'Buffer', data: [1, 256] }, { 0: 1, 1: 2 }, 'AAAA', null]) {
      const r = parseHostMessage({ type: 'image', name: 'a.png', bytes: bad });
      assert.ok(!r.ok, JSON.stringify(bad));
      assert.strictEqual(r.type, 'image');
      assert.match(r.problem, /image needs a name and bytes \(got /);
    }
  });

  it('plainBytes makes what VS Code transfers as binary: a Uint8Array owning its whole buffer', () => {
    const buffer = Buffer.from(png); // pooled: a view into a larger slab
    const plain = plainBytes(buffer);
    assert.strictEqual(Object.getPrototypeOf(plain), Uint8Array.prototype);
    assert.strictEqual(plain.constructor.name, 'Uint8Array'); // the name VS Code's serializer matches
    assert.strictEqual(plain.buffer.byteLength, png.length);
    assert.deepStrictEqual(Array.from(plain), png);
    const already = Uint8Array.from(png);
    assert.strictEqual(plainBytes(already), already, 'no copy when nothing needs converting');
  });
});
