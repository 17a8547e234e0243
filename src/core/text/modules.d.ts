/** Types for packages that ship none. Pilcrow uses only what is declared here. */
declare module 'stopword' {
  export const eng: string[];
}
declare module 'wink-lemmatizer' {
  const lemmatizer: {
    lemmatizeVerb(word: string): string;
    lemmatizeNoun(word: string): string;
    lemmatizeAdjective(word: string): string;
  };
  export default lemmatizer;
}
