/** Types for the `indefinite` package (a/an by sound), which ships none. */
declare module 'indefinite' {
  interface Options {
    articleOnly?: boolean;
    capitalize?: boolean;
    caseInsensitive?: boolean;
    numbers?: 'colloquial';
  }
  function indefinite(word: string | number, options?: Options): string;
  export default indefinite;
}
