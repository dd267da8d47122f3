/** Numbers as messages print them: four significant digits, no trailing zeros (`0.5091`, `1`). */
export function significant(value: number, digits = 4): string {
  return Number(value.toPrecision(digits)).toString();
}

/** How a combination of axes is named, and its groups: `country × gender`, `India × female`. */
export const COMBINATION_SEPARATOR = ' × ';
