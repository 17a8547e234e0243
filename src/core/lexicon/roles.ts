/**
 * People and bodies a question may ask about by their role ("the mayor", "the union", "the
 * governor"): when the article never mentions one, a question about it is as uncovered as one about
 * a name it never mentions ("What does the mayor of Corliss think of the ban?").
 */
const ROLES = `mayor governor senator minister president premier chancellor ceo chairman chairwoman chairperson director
manager coach spokesman spokeswoman spokesperson union unions regulator regulators court courts judge judges police
prosecutor prosecutors lawyer lawyers attorney attorneys activist activists environmentalist environmentalists
economist economists analyst analysts shareholder shareholders investor investors voter voters parliament congress
senate legislature legislator legislators lawmaker lawmakers ministry agency auditor auditors inspector inspectors
ombudsman sheriff pope king queen emperor ambassador diplomat diplomats`;

/** The role words, as written (lower case). */
export const ROLE_WORDS: ReadonlySet<string> = new Set(ROLES.split(/\s+/));
