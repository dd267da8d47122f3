/**
 * Builds templates/maps/country-codes.json: for each ISO 3166-1 alpha-3 code, the key of the
 * country's shape in world-atlas's countries-110m TopoJSON (its ISO numeric code, or the shape's
 * name where world-atlas gives it no id) and a label point, from the npm package world-countries
 * (ODbL-1.0). The report's choropleth reads it to place the `countries` lexicon's groups (by
 * their iso3 field) on the map; countries too small for the 1:110m map are drawn as dots there.
 *
 *   npx tsx scripts/build-map-codes.ts           write templates/maps/country-codes.json
 *   npx tsx scripts/build-map-codes.ts --check   exit 1 if the file on disk is not what would be written
 *
 * Deterministic: entries sorted by code, no dates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const OUT_FILE = fileURLToPath(new URL('../templates/maps/country-codes.json', import.meta.url));
const require = createRequire(import.meta.url);

interface WorldCountry {
  name: { common: string };
  cca3: string;
  ccn3?: string;
  latlng: [number, number];
}

interface Topology {
  objects: { countries: { geometries: { id?: string; properties?: { name?: string } }[] } };
}

/** The file's content, as it would be written. */
export function buildMapCodes(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('world-countries/package.json'), 'utf8')) as { version: string };
  const atlasPkg = JSON.parse(readFileSync(require.resolve('world-atlas/package.json'), 'utf8')) as { version: string };
  const countries = JSON.parse(readFileSync(require.resolve('world-countries/dist/countries.json'), 'utf8')) as WorldCountry[];
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology;
  const unnamedShapes = new Set(topology.objects.countries.geometries.filter((g) => g.id === undefined).map((g) => g.properties?.name));

  const codes: Record<string, { atlas: string | null; lat: number; lon: number }> = {};
  for (const c of [...countries].sort((a, b) => (a.cca3 < b.cca3 ? -1 : 1))) {
    // A shape without an id (Kosovo) is keyed by its name, as the chart keys it.
    const atlas = c.ccn3 ? c.ccn3 : unnamedShapes.has(c.name.common) ? c.name.common : null;
    codes[c.cca3] = { atlas, lat: c.latlng[0], lon: c.latlng[1] };
  }
  // world-countries codes Kosovo UNK; the countries lexicon uses the more common user-assigned XKX.
  if (codes['UNK']) codes['XKX'] = codes['UNK'];
  const sorted = Object.keys(codes).sort();
  const file = {
    description:
      'ISO 3166-1 alpha-3 code → key of the shape in world-atlas countries-110m (ISO numeric code, or the shape name where the atlas gives no id; null: no shape) and a label point (lat, lon). Built by scripts/build-map-codes.ts.',
    source: `world-countries ${pkg.version} (npm; github.com/mledoze/countries), ODbL-1.0; shapes: world-atlas ${atlasPkg.version} (npm; Natural Earth, public domain)`,
    license: 'ODbL-1.0',
    codes,
  };
  // One code per line: readable, and a diff shows which country changed.
  const lines = sorted.map((code) => `    ${JSON.stringify(code)}: ${JSON.stringify(codes[code])}`);
  const head = JSON.stringify({ description: file.description, source: file.source, license: file.license }, null, 2).slice(0, -2);
  return `${head},\n  "codes": {\n${lines.join(',\n')}\n  }\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const content = buildMapCodes();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT_FILE, 'utf8') !== content) {
      console.error('templates/maps/country-codes.json is out of date: run npx tsx scripts/build-map-codes.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(OUT_FILE, content);
    console.log(`wrote templates/maps/country-codes.json (${Object.keys(JSON.parse(content).codes).length} codes)`);
  }
}
