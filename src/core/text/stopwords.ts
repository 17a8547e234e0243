/** Stop words: the `stopword` package's English list, widened, with negations kept as terms. */
import { eng } from 'stopword';

/** Negations carry meaning ("does not come from building barriers"): never dropped. */
export const NEGATIONS = new Set(['no', 'not', 'nor', 'never', 'none', 'nothing', 'neither', 'without', 'cannot']);

// Common function words the package's 108-word list lacks.
const EXTRA = `does doing done why when whom whose its itself yours yourself ours ourselves theirs themselves
  she hers herself he's she's it's i'm i've i'd i'll you're you've we're we've they're they've isn't aren't
  wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shouldn't couldn't can't let's
  what's who's where's how's that's there's here's am just so upon yet also either whether else us will shall may
  r u ur pls please really actually maybe perhaps anyway`.split(/\s+/);

/** Words dropped from index and queries alike. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...EXTRA].map((w) => w.toLowerCase()).filter((w) => !NEGATIONS.has(w)));

/**
 * Words that frame a question about a text rather than name its content
 * ("What does the article say about …", "Tell me about …"). Dropped from queries only.
 */
export const QUESTION_FRAME_WORDS: ReadonlySet<string> = new Set(
  `article articles editorial piece text story author authors writer writers paper report say says saying said
  tell telling told mention mentions mentioned mentioning talk talks talking discuss discusses discussed
  explain explains explained describe describes described claim claims claimed think thinks argue argues
  write writes wrote written according regarding concerning know anything something thing things
  mean means meant matter matters important importance detail details elaborate happen happened happens
  exactly basically kind sort lot anyone someone everyone`.split(/\s+/),
);

/** Words of greeting and thanks: a message of only these gets the help reply. */
export const GREETING_WORDS: ReadonlySet<string> = new Set(
  `hi hello hey heya hiya yo howdy greetings good morning afternoon evening night day thanks thank thx ty
  cheers bye goodbye ok okay cool nice great you there bot pilcrow all everyone folks guys team`.split(/\s+/),
);
