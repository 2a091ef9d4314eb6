import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as yaml from '../../tests/browser/node_modules/js-yaml/dist/js-yaml.mjs';
const root = process.argv[2]; // the repository (with content/)
process.chdir(process.argv[3]); // the folder to write site/ into
const files = {};
function walk(dir) {
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) walk(rel); else files[rel] = readFileSync(join(root, rel), 'utf8');
  }
}
walk('content');
writeFileSync('site/files.json', JSON.stringify(files));
const config = yaml.load(readFileSync('site/config.full.yml', 'utf8'));
config.backend = { name: 'github', repo: 'bench/portal', branch: 'main' };
delete config.local_backend; delete config.publish_mode;
config.collections = config.collections.filter((c) => c.name !== 'lists');
const fix = (fields) => fields.forEach((f) => {
  if (f.widget === 'relation' && f.collection === 'lists') { f.widget = 'string'; for (const k of ['collection','file','value_field','search_fields','display_fields','multiple','min']) delete f[k]; }
  if (f.fields) fix(f.fields);
});
config.collections.forEach((c) => fix(c.fields));
const acts = config.collections.find((c) => c.name === 'activities');
const ormasField = acts.fields.find((f) => f.name === 'participants').fields.find((f) => f.name === 'ormas');
acts.fields.unshift({ ...ormasField, name: 'bench_ormas', label: 'Ormas (bench)' });
writeFileSync('site/config.yml', yaml.dump(config));
console.log(Object.keys(files).length, 'files');
