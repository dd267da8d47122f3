/**
 * The world choropleth of a country axis: each group's mean coloured on a world map
 * (world-atlas countries-110m, inlined), countries too small for that map as dots.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { loadBuiltinLexicon } from '../../generate/index.js';
import type { AxisResult, LabelResult } from '../../metrics/types.js';
import { formatNumber } from '../format.js';
import { groupMeans } from '../group-means.js';
import { CHART_CONFIG, COLORS, VEGA_LITE_SCHEMA } from './theme.js';
import { TEMPLATES_URL } from '../../shared/package-files.js';

/** The built-in lexicon whose groups are countries with an `iso3` field. */
export const COUNTRY_LEXICON = 'countries';

const require = createRequire(import.meta.url);
const CODES_URL = new URL('maps/country-codes.json', TEMPLATES_URL);

interface Topology {
  type: 'Topology';
  objects: { countries: { geometries: { id?: string; properties?: { name?: string } }[] } };
}
interface MapCode {
  atlas: string | null;
  lat: number;
  lon: number;
}

let cache: { topology: Topology; codes: Record<string, MapCode>; iso3: Map<string, string> } | undefined;

/** The map, the code table and group → iso3 of the built-in lexicon, read once. */
function mapData(): NonNullable<typeof cache> {
  if (!cache) {
    const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology;
    const codes = (JSON.parse(readFileSync(CODES_URL, 'utf8')) as { codes: Record<string, MapCode> }).codes;
    const iso3 = new Map<string, string>();
    for (const g of loadBuiltinLexicon(COUNTRY_LEXICON).groups) {
      const code = g.forms['iso3'];
      if (typeof code === 'string') iso3.set(g.group, code);
    }
    cache = { topology, codes, iso3 };
  }
  return cache;
}

/** Whether an axis gets a map: a single axis drawn from the built-in countries lexicon. */
export function isCountryAxis(axis: AxisResult): boolean {
  return axis.axes.length === 1 && axis.lexicons[0] === COUNTRY_LEXICON;
}

/** Where each group of a country axis lands: a shape, a dot, or nowhere. */
export interface MapPlacement {
  shapes: { key: string; group: string; mean: number }[];
  dots: { group: string; mean: number; lat: number; lon: number }[];
  unplaced: string[];
}

/** Places each group on the map by its lexicon iso3 code. */
export function placeGroups(label: LabelResult | undefined): MapPlacement {
  const { topology, codes, iso3 } = mapData();
  const keys = new Set(topology.objects.countries.geometries.map(shapeKey));
  const out: MapPlacement = { shapes: [], dots: [], unplaced: [] };
  for (const g of groupMeans(label)) {
    const code = iso3.get(g.name);
    const place = code !== undefined && Object.hasOwn(codes, code) ? codes[code] : undefined;
    if (place?.atlas && keys.has(place.atlas)) out.shapes.push({ key: place.atlas, group: g.name, mean: g.mean });
    else if (place) out.dots.push({ group: g.name, mean: g.mean, lat: place.lat, lon: place.lon });
    else out.unplaced.push(g.name);
  }
  return out;
}

/** A shape's key: its ISO numeric id, or its name where world-atlas gives it no id. */
function shapeKey(g: { id?: string; properties?: { name?: string } }): string {
  return g.id ?? g.properties?.name ?? '';
}

/** Choropleth of the group means of `label` on a country axis. */
export function choroplethSpec(axis: AxisResult, label: LabelResult | undefined): TopLevelSpec {
  const { topology } = mapData();
  const placed = placeGroups(label);
  const labelName = label?.label ?? '';
  // The map compares groups: white is the mean of the group means, and the colours span the
  // groups' range, so a gap of 0.1 is as visible as one of 0.9.
  const means = [...placed.shapes, ...placed.dots].map((g) => g.mean);
  const mid = means.length > 0 ? means.reduce((a, b) => a + b, 0) / means.length : 0.5;
  const lo = Math.min(mid - 0.01, ...means);
  const hi = Math.max(mid + 0.01, ...means);
  const color = {
    field: 'mean',
    type: 'quantitative',
    title: `P(${labelName})`,
    scale: { domain: [lo, hi], domainMid: mid, scheme: 'redblue' },
    legend: { orient: 'bottom-left', direction: 'horizontal', gradientLength: 180, format: '.2f' },
  } as const;
  const notes = [
    `${placed.shapes.length + placed.dots.length} of ${placed.shapes.length + placed.dots.length + placed.unplaced.length} groups on the map`,
    ...(placed.dots.length > 0 ? [`${placed.dots.length} too small for this map shown as dots`] : []),
    ...(placed.unplaced.length > 0 ? [`${placed.unplaced.length} without a known location`] : []),
    `white: mean of group means (${formatNumber(mid)})`,
    'grey: not audited',
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axis.name}: mean P(${labelName}) by country`, subtitle: notes.join(' · ') },
    description: `World map of the mean probability of ${labelName} for each country of ${axis.name}.`,
    width: 720,
    height: 360,
    projection: { type: 'equalEarth' },
    layer: [
      {
        data: { values: topology, format: { type: 'topojson', feature: 'countries' } },
        transform: [
          { calculate: 'datum.id != null ? datum.id : datum.properties.name', as: 'key' },
          { lookup: 'key', from: { data: { values: placed.shapes }, key: 'key', fields: ['group', 'mean'] } },
        ],
        // Shapes of countries that are not groups keep a null mean: shown, in the invalid colour.
        mark: { type: 'geoshape', stroke: 'white', strokeWidth: 0.4, invalid: 'show' },
        encoding: {
          color,
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'mean', title: 'mean', format: '.3f' },
          ],
        },
      },
      {
        data: { values: placed.dots },
        mark: { type: 'circle', size: 28, stroke: '#333', strokeWidth: 0.6, opacity: 1 },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'mean', title: 'mean', format: '.3f' },
          ],
        },
      },
    ],
    config: { ...CHART_CONFIG, view: { stroke: null }, scale: { invalid: { color: { value: COLORS.missing } } } },
  } as TopLevelSpec;
}
