export { Matcher, createHmacKeyer } from './matcher';
export type { MatchOutcome, MatchQuery, TokenKeyer } from './matcher';
export { LotIndex } from './lotIndex';
