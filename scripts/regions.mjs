// Writes src/init/regions.yaml, the regions list `terbuka init` gives a
// new portal: every province and regency/city of Indonesia with its
// Kemendagri code, from the npm package idn-area-data (pinned in
// tests/browser/package.json; its data is under the Open Database
// License). Run after `npm ci --prefix tests/browser`:
//
//   node scripts/regions.mjs           # rewrite src/init/regions.yaml
//   node scripts/regions.mjs --check   # exit 1 if the committed file differs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'tests/browser/node_modules/idn-area-data');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'tests/browser/package-lock.json'), 'utf8'));
const entry = lock.packages['node_modules/idn-area-data'];

function rows(file) {
  const [head, ...lines] = readFileSync(join(pkgDir, 'data', file), 'utf8').trim().split(/\r?\n/);
  const keys = head.split(',');
  // The package's CSVs hold no quoted fields (checked: no `"` in them).
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v.trim()])));
}

const provinces = rows('provinces.csv');
const regencies = rows('regencies.csv');
const q = (s) => JSON.stringify(s);
let out = `# Provinsi dan kabupaten/kota di Indonesia dengan kode Kemendagri
# (${provinces.length} provinsi, ${regencies.length} kabupaten/kota).
#
# Sumber: paket npm idn-area-data ${pkg.version} (${pkg.homepage}),
# ${entry && entry.integrity ? 'integritas ' + entry.integrity + ',' : ''}
# yang menghimpun data wilayah dari sumber resmi pemerintah (Kemendagri).
# Lisensi data: Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/
# Daftar ini dibuat oleh scripts/regions.mjs di repositori Terbuka; tambahkan
# kecamatan atau desa di bawahnya bila diperlukan (kode 36.71.01, ...).
`;
for (const p of provinces) {
  out += `- {code: ${q(p.code)}, name: ${q(p.name)}}\n`;
  for (const r of regencies.filter((r) => r.province_code === p.code)) {
    out += `- {code: ${q(r.code)}, name: ${q(r.name)}}\n`;
  }
}
const target = join(root, 'src/init/regions.yaml');
if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== out) {
    console.error('src/init/regions.yaml differs from idn-area-data: run node scripts/regions.mjs');
    process.exit(1);
  }
  console.log(`src/init/regions.yaml matches idn-area-data ${pkg.version}`);
} else {
  writeFileSync(target, out);
  console.log(`wrote ${target}: ${provinces.length} provinces, ${regencies.length} regencies/cities`);
}
