import { readFileSync } from 'fs';
import { extract } from './src/core/extract/index';
const r = extract(readFileSync(process.argv[2], 'utf8'), process.argv[2]);
console.log(JSON.stringify(r, (k, v) => (k === 'configSpans' ? undefined : v), 1).slice(0, 6000));
