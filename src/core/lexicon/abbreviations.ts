/**
 * General abbreviations of public life, as they are written in news and reports.
 * General knowledge only: nothing here is specific to any article.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  AI: 'artificial intelligence',
  EV: 'electric vehicle',
  GDP: 'gross domestic product',
  GNP: 'gross national product',
  IP: 'intellectual property',
  EU: 'European Union',
  UN: 'United Nations',
  UK: 'United Kingdom',
  US: 'United States',
  USA: 'United States',
  UAE: 'United Arab Emirates',
  DRC: 'DR Congo',
  CEO: 'chief executive officer',
  CFO: 'chief financial officer',
  WTO: 'World Trade Organization',
  IMF: 'International Monetary Fund',
  NATO: 'North Atlantic Treaty Organization',
  ASEAN: 'Association of Southeast Asian Nations',
  FDI: 'foreign direct investment',
  SME: 'small and medium enterprises',
  SOE: 'state-owned enterprise',
  IoT: 'internet of things',
  VR: 'virtual reality',
  AR: 'augmented reality',
  ML: 'machine learning',
  LLM: 'large language model',
  NGO: 'non-governmental organization',
  PM: 'prime minister',
  ICT: 'information and communications technology',
  BRI: 'Belt and Road Initiative',
  CPI: 'consumer price index',
  ETF: 'exchange-traded fund',
  IPO: 'initial public offering',
  OPEC: 'Organization of the Petroleum Exporting Countries',
  WWI: 'World War I',
  WWII: 'World War II',
};

const CARDINALS = `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
  sixteen seventeen eighteen nineteen twenty`.split(/\s+/);
const ORDINALS = `zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
  fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth`.split(/\s+/);
const TENS: Record<number, [string, string]> = {
  30: ['thirty', 'thirtieth'],
  40: ['forty', 'fortieth'],
  50: ['fifty', 'fiftieth'],
  60: ['sixty', 'sixtieth'],
  70: ['seventy', 'seventieth'],
  80: ['eighty', 'eightieth'],
  90: ['ninety', 'ninetieth'],
  100: ['hundred', 'hundredth'],
};

/** English ordinal suffix of a number written in digits: 1st, 2nd, 3rd, 11th, 21st. */
function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
}

/**
 * Numbers as digits and as words, cardinal and ordinal ("5" ↔ "five", "5th" ↔ "fifth"): a
 * question about "the 5th president" is about the "fifth president".
 */
export const NUMBER_FORMS: ReadonlyArray<readonly [string, string]> = [
  ...CARDINALS.flatMap((word, n) => [[String(n), word] as const, [`${n}${ordinalSuffix(n)}`, ORDINALS[n]!] as const]),
  ...Object.entries(TENS).flatMap(([n, [cardinal, ordinal]]) => [[n, cardinal] as const, [`${n}${ordinalSuffix(Number(n))}`, ordinal] as const]),
];

/** Continents and regions with their adjectives (world-countries covers countries, not these). */
export const REGIONS: ReadonlyArray<readonly string[]> = [
  ['Europe', 'European', 'Europeans'],
  ['Asia', 'Asian', 'Asians'],
  ['Africa', 'African', 'Africans'],
  ['Oceania', 'Oceanian'],
  ['Antarctica', 'Antarctic'],
  ['Arctic'],
  ['Caribbean'],
  ['Scandinavia', 'Scandinavian'],
  ['Balkans', 'Balkan'],
];
