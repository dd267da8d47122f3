/** Versions of the libraries that draw the charts, named in report metadata. */
import { version as vegaVersion } from 'vega';
import { version as vegaLiteVersion } from 'vega-lite';

/** `vega 6.4.0, vega-lite 6.4.3`. */
export function renderVersions(): string {
  return `vega ${vegaVersion}, vega-lite ${vegaLiteVersion}`;
}
