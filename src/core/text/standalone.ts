/** Whether a sentence can be quoted on its own, or leans on a neighbour ("It is therefore …"). */

/** Sentence openings that lean on the sentence before (or, first in a paragraph, after). */
const DEPENDENT_OPENING =
  /^(?:it|its|this|these|those|they|them|their|that|such|both|he|she|his|her|however|but|and|so|therefore|thus|hence|moreover|similarly|also|yet|still|then|meanwhile|instead|otherwise|furthermore|additionally|likewise|consequently|nonetheless|nevertheless|besides|indeed|there)\b/i;
/** "It is reported that …", "It's undeniable that …": an expletive *it* needs no antecedent. */
const EXPLETIVE_IT = /^it(?:['’]s| is| was| has been| had been| seems| appears)\s+(?:\w+\s+){0,1}\w+\s+(?:that|to|for|whether)\b/i;
/** "It is therefore …", "It was also …": a connective after the *it* points back all the same. */
const CONNECTIVE_AFTER_IT =
  /^it(?:['’]s| is| was| has| had| will| would)\s+(?:therefore|thus|hence|also|however|still|then|so|too|again|indeed|nevertheless|consequently)\b/i;
/** Shorter sentences rarely carry a point alone. */
const MIN_STANDALONE_WORDS = 7;

/** Whether a sentence can be read without its neighbours (no leading "It", "However", …; not too short). */
export function standsAlone(sentence: string): boolean {
  const words = sentence.split(/\s+/).length;
  const leans = DEPENDENT_OPENING.test(sentence) && (!EXPLETIVE_IT.test(sentence) || CONNECTIVE_AFTER_IT.test(sentence));
  return !leans && words >= MIN_STANDALONE_WORDS;
}
