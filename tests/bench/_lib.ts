import { generateCorpus } from './detect-throughput';
import { forEachCandidate } from '../../lib/detect/find-candidates';
import { fastVerdict } from '../../lib/detect/fast-validate';
const text = generateCorpus(1024*1024, 20240115);
const shapes = new Map<string, number>();
let total=0, lib=0;
forEachCandidate(text, 'US', (c, o) => { total++; if (fastVerdict(c,'US')===undefined){ lib++; const s=c.replace(/[0-9]/g,'9').replace(/9+/g,'9'); shapes.set(s,(shapes.get(s)||0)+1);} return null; }, () => true);
console.log('total', total, 'lib', lib);
console.log([...shapes].sort((a,b)=>b[1]-a[1]).slice(0,25));
