/**
 * The world choropleth of a country axis: each group's mean coloured on a world map
 * (world-atlas countries-110m, inlined), countries too small for that map as dots.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { loadBuiltinLexicon } from '../../generate/index.js';
import type { AxisResult, LabelResult } from '../../results/index.js';
import { formatNumber } from '../format.js';
import { groupMeans, sortedGroupMeans } from '../group-means.js';
import { clamp01, type ChartSpec } from './dot-plot.js';
import { colorScale, type ColorRule } from './rows.js';
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

/**
 * Choropleth of the group means of `label` on a country axis, under the axis's colour rule (white
 * at the mean of group means, the heatmap's scale; see rows.ts), the three highest and three
 * lowest countries ringed (and named in the caption: names on a world map collide).
 */
export function choroplethSpec(axis: AxisResult, label: LabelResult | undefined, rule: ColorRule): ChartSpec {
  const { topology, codes, iso3 } = mapData();
  const placed = placeGroups(label);
  const labelName = label?.label ?? '';
  const shapes = placed.shapes.map((g) => ({ ...g, mean: clamp01(g.mean) }));
  const dots = placed.dots.map((g) => ({ ...g, mean: clamp01(g.mean) }));
  const ranked = sortedGroupMeans(label).filter((g) => !placed.unplaced.includes(g.name));
  const named = [...ranked.slice(0, 3), ...ranked.slice(-3)].filter((g, i, all) => all.indexOf(g) === i);
  const marked = named.flatMap((g) => {
    const code = iso3.get(g.name);
    const place = code !== undefined && Object.hasOwn(codes, code) ? codes[code] : undefined;
    return place ? [{ group: g.name, lat: place.lat, lon: place.lon }] : [];
  });
  const list = (gs: typeof ranked) => gs.map((g) => `${g.name} ${formatNumber(g.mean)}`).join(', ');
  const color = {
    field: 'mean',
    type: 'quantitative',
    title: `P(${labelName})`,
    scale: colorScale(rule),
    legend: { orient: 'bottom-left', direction: 'horizontal', gradientLength: 160, format: '.2f' },
  } as const;
  const total = placed.shapes.length + placed.dots.length + placed.unplaced.length;
  const caption = [
    `${placed.shapes.length + placed.dots.length} of ${total} groups on the map`,
    ...(placed.dots.length > 0 ? [`${placed.dots.length} too small for this map shown as dots`] : []),
    ...(placed.unplaced.length > 0 ? [`${placed.unplaced.length} without a known location`] : []),
    `white: the mean of group means (${formatNumber(rule.mid)}), red below, blue above, the heatmap’s scale`,
    'grey: not audited',
    ...(ranked.length > 0
      ? [`ringed: the highest three (${list(ranked.slice(0, 3))}) and the lowest three (${list(ranked.slice(-3))})`]
      : []),
    'intervals: in the dot plot and the groups table',
  ].join(' · ');
  const alt =
    named.length > 0
      ? `World map of the mean P(${labelName}) of ${total} countries of ${axis.name}; ` +
        `highest ${list(ranked.slice(0, 3))}; lowest ${list(ranked.slice(-3))}.`
      : `World map of ${axis.name}: no country placed.`;
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axis.name}: mean P(${labelName}) by country`, limit: 640 },
    description: alt,
    width: 640,
    height: 320,
    projection: { type: 'equalEarth' },
    layer: [
      {
        data: { values: topology, format: { type: 'topojson', feature: 'countries' } },
        transform: [
          { calculate: 'datum.id != null ? datum.id : datum.properties.name', as: 'key' },
          { lookup: 'key', from: { data: { values: shapes }, key: 'key', fields: ['group', 'mean'] } },
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
      // Only when there are dots: an empty mark container reads as an image without a name.
      ...(dots.length === 0
        ? []
        : [
            {
              data: { values: dots },
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
          ]),
      {
        data: { values: marked },
        mark: { type: 'point', shape: 'circle', size: 160, filled: false, stroke: '#111', strokeWidth: 1.5, aria: false },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          tooltip: [{ field: 'group', title: 'group' }],
        },
      },
    ],
    config: { ...CHART_CONFIG, view: { stroke: null }, scale: { invalid: { color: { value: COLORS.missing } } } },
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}
