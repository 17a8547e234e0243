/** The `stopword` package ships no types; Pilcrow uses only its English list. */
declare module 'stopword' {
  export const eng: string[];
}
