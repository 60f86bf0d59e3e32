export { Matcher, createHmacKeyer, indexedPart } from './matcher';
export type { IndexedPerson, MatchOutcome, MatchQuery, TokenKeyer } from './matcher';
export { LotIndex } from './lotIndex';
