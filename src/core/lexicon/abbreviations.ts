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
};

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
