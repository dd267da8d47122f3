/** Numbers as messages print them: four significant digits, no trailing zeros (`0.5091`, `1`). */
export function significant(value: number, digits = 4): string {
  return Number(value.toPrecision(digits)).toString();
}
