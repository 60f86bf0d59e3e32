export {
  UnmaskService, DEFAULT_GRANT_TTL_SECONDS, DEFAULT_REQUEST_TTL_SECONDS,
  type UnmaskServiceDeps, type UnmaskRequestInput, type RequestDescription, type GrantTicket, type GrantedValue, type RevokeReason,
} from './unmaskService';
export { unmaskErrors } from './errors';
export { requestHash } from './requestHash';
